from django.contrib import admin

from .models import Article, ArticleRevision, Credit, Organisation, Person, Tag


class CreditInline(admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person", "organisation"]


class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    extra = 0
    fields = ["number", "content_hash", "created"]
    readonly_fields = fields
    can_delete = False  # annotations point into these texts
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "lang", "revision_number", "updated_at"]
    list_filter = ["lang", "date", "tags"]
    search_fields = ["title", "source_key", "description"]
    date_hierarchy = "published_at"
    readonly_fields = ["source_key", "source_path", "file_hash", "content_hash", "revision_number"]
    filter_horizontal = ["tags"]
    inlines = [CreditInline, RevisionInline]


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin):
    list_display = ["article", "number", "created"]
    search_fields = ["article__title"]
    readonly_fields = ["article", "number", "markdown", "text", "content_hash", "created"]

    def has_delete_permission(self, request, obj=None):
        return False


class EntityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    list_filter = ["credits__role"]


@admin.register(Organisation)
class OrganisationAdmin(EntityAdmin):
    list_display = ["name", "slug", "url", "created"]
    list_filter = ["credits__role"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]

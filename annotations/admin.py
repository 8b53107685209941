from django.contrib import admin

from .models import Annotation


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["uuid", "owner", "article", "visibility", "colour", "created"]
    list_filter = ["visibility", "colour"]
    search_fields = ["uuid", "owner__username", "article__title"]
    raw_id_fields = ["owner", "article", "revision", "parent", "entities"]
    readonly_fields = ["uuid", "note_html", "version", "created", "modified"]

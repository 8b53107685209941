"""Blog-engine syntax (archive/engine_syntax) renders as the engine showed it."""

from archive.rendering import html_to_text, render, render_article
from tests.outline import outline

FENCE = "```"


def test_hexo_asset_img_shows_a_figure_with_its_caption():
    html = render("{% asset_img raspberry-pi.jpg 吃灰一年的树莓派 %}")
    assert outline(html) == "figure .missing\n  figcaption 8 chars: 吃灰一年的树莓派\n"


def test_hexo_asset_img_reads_a_quoted_title_and_alt_text():
    html = render('{% asset_img imager.png "The imager window" "Choosing an image" %}')
    assert html_to_text(html).strip() == "The imager window"


def test_hexo_img_with_a_remote_url_keeps_its_size_and_placement():
    html = render("{% img right https://e.example/a.png 480 320 Onboarding %}")
    assert (
        '<figure class="align-right">' in html and 'height="320"' in html and 'width="480"' in html
    )


def test_hexo_codeblock_becomes_code_under_its_title():
    html = render("{% codeblock Array.map lang:js %}\n[1].map(n => n * 2)\n{% endcodeblock %}")
    assert outline(html) == (
        "figure .code\n  figcaption 9 chars: Array.map\n  pre language-js (1 lines)\n"
    )


def test_hexo_blockquote_tag_names_its_author_and_source():
    html = render("{% blockquote 鲁迅, 《故乡》 %}\n其实地上本没有路。\n{% endblockquote %}")
    assert '<p class="quote-source">鲁迅, <cite>《故乡》</cite></p>' in html


def test_hexo_note_becomes_a_callout_of_its_kind():
    html = render("{% note warning %}\n升级前请备份。\n{% endnote %}")
    assert html.startswith('<div class="callout callout-warning">')


def test_hexo_link_tag_becomes_a_link():
    html = render("见 {% link 官方文档 https://theme-next.js.org/docs/ %}。")
    assert '<a href="https://theme-next.js.org/docs/"' in html and ">官方文档</a>" in html


def test_jekyll_highlight_becomes_a_code_block():
    html = render("{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}")
    assert (
        html.startswith('<pre><code class="language-ruby">'),
        html.endswith("</code></pre>"),
    ) == (
        True,
        True,
    )


def test_jekyll_raw_shows_its_content_without_the_markers():
    assert render("{% raw %}The title is {{ page.title }}.{% endraw %}") == (
        "<p>The title is {{ page.title }}.</p>"
    )


def test_jekyll_raw_markers_inside_fenced_code_are_dropped():
    html = render(
        f"{FENCE}liquid\n{{% raw %}}\n{{% for p in site.posts %}}\n{{% endraw %}}\n{FENCE}"
    )
    assert html_to_text(html) == "{% for p in site.posts %}\n"


def test_jekyll_comment_is_not_shown():
    assert render("Before.\n\n{% comment %}\nTODO\n{% endcomment %}\n\nAfter.").count("TODO") == 0


def test_jekyll_include_is_removed_and_named_in_a_warning():
    rendered = render_article("Intro.\n\n{% include toc.html %}")
    assert (rendered.html, rendered.warnings) == (
        "<p>Intro.</p>",
        ["{% include toc.html %} removed: the file is not part of the article"],
    )


def test_jekyll_tweet_becomes_a_plain_link():
    html = render("{% tweet https://twitter.com/jekyllrb/status/123 %}")
    assert outline(html) == (
        "p 39 chars: https://twitter.com/jekyllrb/sta…\n"
        "  a https://twitter.com/jekyllrb/status/123\n"
    )


def test_liquid_site_variable_is_removed_from_a_picture_path():
    html = render("![Build times]({{ site.baseurl }}/assets/build.png)")
    assert outline(html) == "figure .missing\n  figcaption 11 chars: Build times\n"


def test_link_to_another_post_is_kept_as_text():
    assert render("See [last week]({% post_url 2021-08-12-x %}).") == (
        "<p>See <span>last week</span>.</p>"
    )


def test_hugo_figure_with_a_remote_image_shows_it_with_its_caption():
    html = render('{{< figure src="https://p.example/tram.jpg" alt="A tram" caption="Lisbon" >}}')
    assert outline(html) == (
        "figure\n  img https://p.example/tram.jpg alt='A tram'\n  figcaption 6 chars: Lisbon\n"
    )


def test_hugo_figure_caption_renders_its_markdown():
    html = render('{{< figure src="https://p.example/a.jpg" caption="Shot on *film*" >}}')
    assert "<figcaption>Shot on <em>film</em></figcaption>" in html


def test_hugo_figure_title_leads_its_caption():
    html = render('{{< figure src="https://p.example/a.jpg" title="Night" caption="Lisbon" >}}')
    assert "<figcaption><strong>Night</strong> Lisbon</figcaption>" in html


def test_hugo_youtube_becomes_a_link_to_the_video():
    html = render("{{< youtube w7Ft2ymGmfc >}}")
    assert '<a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc"' in html


def test_hugo_tweet_becomes_a_link_to_the_post():
    html = render('{{< tweet user="gohugoio" id="1315233626070503424" >}}')
    assert '<a href="https://x.com/gohugoio/status/1315233626070503424"' in html


def test_hugo_quote_shortcode_becomes_a_quote_with_its_attribution():
    html = render(
        '{{< fig-quote author="Ann Lee" source="Notes" >}}\nQuoted words.\n{{< /fig-quote >}}'
    )
    assert html == (
        "<blockquote>\n<p>Quoted words.</p>\n"
        '<p class="quote-source">Ann Lee, <cite>Notes</cite></p>\n</blockquote>'
    )


def test_hugo_notice_becomes_a_callout_of_its_kind():
    html = render("{{< notice warning >}}\nBe **careful**.\n{{< /notice >}}")
    assert html == (
        '<div class="callout callout-warning">\n<p>Be <strong>careful</strong>.</p>\n</div>'
    )


def test_hugo_percent_form_is_read_like_the_angle_form():
    html = render('{{% notice info "Build time" %}}\nFour seconds.\n{{% /notice %}}')
    assert html.startswith('<div class="callout callout-info">\n<p class="callout-title">Build')


def test_hugo_notice_keeps_the_fenced_code_inside_it():
    html = render(f"{{{{< notice tip >}}}}\n{FENCE}sh\nhugo\n{FENCE}\n{{{{< /notice >}}}}")
    assert outline(html) == "div .callout .callout-tip\n  pre language-sh (1 lines)\n"


def test_hugo_details_shortcode_becomes_a_disclosure():
    html = render('{{< details summary="Script" >}}\nThe script.\n{{< /details >}}')
    assert html.startswith("<details>\n<summary>Script</summary>\n<p>The script.</p>")


def test_hugo_escaped_shortcode_is_shown_as_written():
    assert render('Type `{{</* figure src="x.jpg" */>}}`.') == (
        '<p>Type <code>{{&lt; figure src="x.jpg" &gt;}}</code>.</p>'
    )


def test_shortcode_inside_a_list_item_stays_in_it():
    html = render("- Step one\n\n    {{< youtube abc123 >}}\n\n- Step two")
    assert outline(html).startswith(
        "ul\n  li\n    p 8 chars: Step one\n    p 38 chars: https://www.youtube.com/watch?v=…\n"
        "      a https://www.youtube.com/watch?v=abc123\n  li\n"
    )


def test_unknown_shortcode_is_removed_its_content_kept_and_named_in_a_warning():
    rendered = render_article("{{< gallery dir=x >}}\nThe set.\n{{< /gallery >}}")
    assert (rendered.html, rendered.warnings) == (
        "<p>The set.</p>",
        ["unknown Hugo shortcode {{< gallery >}} removed; its content kept"],
    )


def test_unknown_tag_on_its_own_is_removed_and_named_in_a_warning():
    rendered = render_article("Text {% assign x = 1 %}here.")
    assert (rendered.html, rendered.warnings) == (
        "<p>Text here.</p>",
        ["unknown tag {% assign %} removed"],
    )


def test_end_tag_without_its_start_is_removed_with_a_warning():
    rendered = render_article("Text.\n\n{{< /notice >}}")
    assert (rendered.html, rendered.warnings) == (
        "<p>Text.</p>",
        ["{{< /notice >}} without its start removed"],
    )


def test_tags_in_code_spans_stay_as_written():
    assert render("Write `{% asset_img a.png %}` or ``{{< figure >}}``.") == (
        "<p>Write <code>{% asset_img a.png %}</code> or <code>{{&lt; figure &gt;}}</code>.</p>"
    )


def test_tags_in_fenced_code_stay_as_written():
    html = render(f"{FENCE}\n{{% asset_img a.png %}}\n{{{{< youtube x >}}}}\n{FENCE}")
    assert html_to_text(html) == "{% asset_img a.png %}\n{{< youtube x >}}\n"


def test_tags_in_indented_code_stay_as_written():
    html = render("Example:\n\n    {% include toc.html %}\n")
    assert "<pre><code>{% include toc.html %}\n</code></pre>" in html


def test_chirpy_prompt_under_a_quote_makes_a_callout():
    html = render("> Keep posts in `_posts/`.\n{: .prompt-tip }")
    assert html == (
        '<div class="callout callout-tip">\n<p>Keep posts in <code>_posts/</code>.</p>\n</div>'
    )


def test_consecutive_chirpy_prompts_stay_separate_callouts():
    html = render("> One.\n{: .prompt-info }\n\n> Two.\n{: .prompt-danger }")
    assert outline(html) == (
        "div .callout .callout-info\n  p 4 chars: One.\n"
        "div .callout .callout-danger\n  p 4 chars: Two.\n"
    )


def test_plain_quote_after_a_prompt_stays_a_quote():
    html = render("> Tip.\n{: .prompt-tip }\n\n> A quote.")
    assert outline(html).endswith("blockquote\n  p 8 chars: A quote.\n")


def test_kramdown_file_attribute_names_the_code_block():
    html = render(f'{FENCE}yaml\nlayout: post\n{FENCE}\n{{: file="_config.yml" }}')
    assert outline(html) == (
        "figure .code\n  figcaption 11 chars: _config.yml\n  pre language-yaml (1 lines)\n"
    )


def test_kramdown_attribute_list_under_a_heading_leaves_no_trace():
    assert render("## Prompts\n{: data-toc-skip='' }\n\nText.") == "<h2>Prompts</h2>\n<p>Text.</p>"


def test_kramdown_toc_marker_is_removed_with_its_list():
    rendered = render_article("* TOC\n{:toc}\n\n## One")
    assert rendered.html == "<h2>One</h2>"


def test_heading_attribute_list_is_removed():
    assert render("## Figures {#figures}") == "<h2>Figures</h2>"


def test_pandoc_percentage_width_becomes_a_width_class():
    html = render("![Sheet](https://p.example/s.jpg){ width=60% }")
    assert 'class="width-60"' in html and "{" not in html


def test_kramdown_pixel_width_and_alignment_are_kept():
    html = render('![Banner](https://p.example/b.png){: width="300" .right}')
    assert 'class="align-right"' in html and 'width="300"' in html


def test_attribute_list_never_makes_a_style_or_an_unknown_class():
    html = render('![B](https://p.example/b.png){: style="color:red" .evil onclick="x()" }')
    assert "style" not in html and "evil" not in html and "onclick" not in html


def test_chirpy_light_and_dark_pictures_keep_their_theme_class():
    html = render(
        "![L](https://p.example/l.png){: .light }\n![D](https://p.example/d.png){: .dark }"
    )
    assert 'class="only-light"' in html and 'class="only-dark"' in html


def test_picture_with_a_relative_path_shows_a_figure_with_its_alt_text():
    rendered = render_article("![家庭网络拓扑](images/topology.png)")
    assert (rendered.html, rendered.warnings) == (
        '<figure class="missing" title="topology.png">\n<figcaption>家庭网络拓扑</figcaption>\n'
        "</figure>",
        ["picture or file is not here, shown as a caption: topology.png"],
    )


def test_picture_inside_a_sentence_whose_file_is_missing_shows_its_alt_text():
    assert render("The icon ![gear](gear.svg) opens settings.") == (
        '<p>The icon <span class="missing" title="gear.svg">gear</span> opens settings.</p>'
    )


def test_emphasised_line_under_a_picture_is_its_caption():
    html = render("![Home](https://p.example/home.png)\n_The home page_")
    assert outline(html) == (
        "figure\n  img https://p.example/home.png alt='Home'\n"
        "  figcaption 13 chars: The home page\n"
    )


def test_object_with_a_remote_file_leaves_a_link_to_it():
    rendered = render_article('<object data="https://d.example/chart.svg"></object>')
    assert (outline(rendered.html), rendered.warnings) == (
        "p 9 chars: chart.svg\n  a https://d.example/chart.svg\n",
        ["<object> chart.svg replaced by a link to it"],
    )


def test_object_with_a_local_file_shows_its_file_name():
    html = render('<object data="chart.svg" type="image/svg+xml"></object>')
    assert outline(html) == "figure .missing\n  figcaption 9 chars: chart.svg\n"


def test_object_with_a_local_file_keeps_its_fallback_content():
    rendered = render_article('<object data="chart.svg">Monday is the slowest.</object>')
    assert (rendered.html, rendered.warnings) == (
        "<p>Monday is the slowest.</p>",
        ["<object> chart.svg replaced by its fallback content"],
    )


def test_embed_leaves_a_link_to_its_source():
    html = render('<embed src="https://m.example/map.html" width="600">')
    assert '<a href="https://m.example/map.html"' in html and "<embed" not in html


def test_iframe_leaves_a_link_named_by_its_title():
    html = render('<iframe src="https://v.example/embed/1" title="Route timelapse"></iframe>')
    assert outline(html) == "p 15 chars: Route timelapse\n  a https://v.example/embed/1\n"


def test_sanitiser_keeps_only_known_class_names():
    html = render('<div class="callout callout-tip evil"><p class="quote-source x">a</p></div>')
    assert html == '<div class="callout callout-tip"><p class="quote-source">a</p></div>'


def test_a_100_kb_line_of_tag_openers_stays_text():
    line = "{% {{< {{% {{ a" * 7000  # each opener searches for its closer once, not to the end
    assert html_to_text(render(line)) == line


def test_a_lone_raw_tag_in_a_code_span_stays_as_written():
    assert render("Wrap it in `{% raw %}`.") == "<p>Wrap it in <code>{% raw %}</code>.</p>"


def test_percent_encoded_brace_in_a_url_is_not_a_tag():
    html = render("[search](https://e.example/?q={%22a%22}) and 100%} done")
    assert 'href="https://e.example/?q={%22a%22}"' in html and "done" in html


def test_xss_payloads_inside_engine_tags_render_harmless():
    from tests.material import xss_payloads
    from tests.test_rendering import harmful

    templates = [
        '{{{{< figure src="{p}" link="{p}" caption="{p}" >}}}}',
        "{{% img {p} %}}",
        "{{% link text {p} %}}",
        '<object data="{p}">{p}</object>',
        "![x]({p}){{: .right }}",
        '{{{{< fig-quote author="{p}" link="{p}" >}}}}\n{p}\n{{{{< /fig-quote >}}}}',
    ]
    rendered = [render(t.format(p=p)) for p in xss_payloads() for t in templates]
    assert [html for html in rendered if harmful(html)] == []


def test_highlight_inside_a_list_item_stays_in_it_as_code():
    html = render(
        "1. Install:\n\n    {% highlight sh %}\n    gem install jekyll\n    {% endhighlight %}"
    )
    assert outline(html) == "ol\n  li 8 chars: Install:\n    pre (1 lines)\n"


def test_alert_quote_becomes_a_callout_of_its_kind():
    html = render("> [!WARNING]\n> Back up first.")
    assert html == '<div class="callout callout-warning">\n<p>Back up first.</p>\n</div>'


def test_alert_with_a_title_shows_it():
    html = render("> [!tip] Faster builds\n> Use the cache.")
    assert outline(html) == (
        "div .callout .callout-tip\n  p .callout-title 13 chars: Faster builds\n"
        "  p 14 chars: Use the cache.\n"
    )


def test_quotes_apart_by_a_blank_line_stay_two_quotes():
    assert outline(render("> One.\n\n> Two.")) == (
        "blockquote\n  p 4 chars: One.\nblockquote\n  p 4 chars: Two.\n"
    )


def test_chirpy_video_include_becomes_a_link_to_the_video():
    html = render("{% include embed/youtube.html id='H-B46URT4mg' %}")
    assert '<a href="https://www.youtube.com/watch?v=H-B46URT4mg"' in html


def test_picture_include_shows_its_caption():
    html = render('{% include image.html url="/images/cat.png" description="A cat" %}')
    assert outline(html) == "figure .missing\n  figcaption 5 chars: A cat\n"


def test_video_leaves_a_link_to_its_source():
    html = render('<video controls><source src="https://m.example/clip.webm"></video>')
    assert outline(html) == "p 9 chars: clip.webm\n  a https://m.example/clip.webm\n"


def test_tag_in_a_table_cell_stays_in_its_cell():
    html = render("| Clip |\n|---|\n| {{< youtube abc123 >}} |")
    assert outline(html) == (
        "table\n  tr 4 chars: Clip\n  tr 38 chars: https://www.youtube.com/watch?v=…\n"
        "    a https://www.youtube.com/watch?v=abc123\n"
    )


def test_embed_inside_a_sentence_becomes_a_link_in_it():
    html = render("As {% tweet https://twitter.com/a/status/1 %} said.")
    assert html.startswith('<p>As <a href="https://twitter.com/a/status/1"')


def test_object_inside_an_html_figure_leaves_its_link_there():
    html = render(
        '<figure>\n<object data="https://d.example/c.svg"></object>\n'
        "<figcaption>Chart</figcaption>\n</figure>"
    )
    assert outline(html) == (
        "figure\n  p 5 chars: c.svg\n    a https://d.example/c.svg\n  figcaption 5 chars: Chart\n"
    )

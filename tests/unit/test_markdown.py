"""Markdown dumps are read as the plain lines a text dump would have."""

from __future__ import annotations

import pytest

from workers.parsing.markdown import Marks, looks_markdown, paragraphs, plain, plain_lines
from workers.parsing.textdump import parse_text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# Council approves flood plan", "Council approves flood plan"),
        ("**By Jane Doe**", "By Jane Doe"),
        ("*12 March 2024 09:30 GMT*", "12 March 2024 09:30 GMT"),
        ("Read [the report](https://example.org/r) here.", "Read the report here."),
        ("![A photo](https://example.org/p.jpg) The bridge at dawn.", "The bridge at dawn."),
        ("* Home", "* Home"),  # list bullets stay: menus are told by them
        ("2*3*4 and snake_case stay", "2*3*4 and snake_case stay"),
        ("[](https://example.org)", ""),  # a link with no text (a logo) leaves nothing
        ("[![Logo](https://example.org/l.png)](https://example.org)", ""),
        # A link whose text spans two lines: its end on one, its opening on the other.
        ('close the door before bed](/health/door "Door")', "close the door before bed"),
        ("[Why you should always", "Why you should always"),
        ("Watch the race](javascript:play('race'))", "Watch the race"),
        # Brackets inside a link's text.
        ("[[Review] The Palace, reviewed](https://example.org/r)", "[Review] The Palace, reviewed"),
        # A link glued to the capitalised word after it gets a space; a suffix stays glued.
        ("By [Meg James](/people/meg-james)Staff Writer", "By Meg James Staff Writer"),
        ("[Disney](https://example.org/d)'s service", "Disney's service"),
        # ...and so does a link glued to the word or the number before it, or to a number.
        ("By[J.R. Stone](https://example.org/jr)", "By J.R. Stone"),
        ("by [Lucas Nolan](/a/ln)22 Dec 2016[651](#comments)", "by Lucas Nolan 22 Dec 2016 651"),
        ("the [iPhone](https://example.org/i)s", "the iPhones"),
        # What a converter escaped reads as itself, and is no emphasis; a path keeps its slashes.
        (r"Interview with \*um and \_\_init\_\_.py", "Interview with *um and __init__.py"),
        (r"\*\*2 and *this*", "**2 and this"),
        (r"C:\Users\jane", r"C:\Users\jane"),
        # A share link whose address a converter left spaces in: its quoted title ends it.
        (
            '[Facebook](https://f.example/s?u=x "Facebook")[WhatsApp](https://api.whatsapp.com/'
            'send?text=Bridge+reopens %0A%0A https://news.example/bridge/ "WhatsApp")',
            "FacebookWhatsApp",
        ),
        ("[A report](https://example.org/r) (in German) and more", "A report (in German) and more"),
    ],
)
def test_markdown_lines_become_plain(line: str, expected: str) -> None:
    assert plain(line) == expected


def test_a_markdown_dump_parses_like_a_plain_one() -> None:
    body = [
        "The council approved the flood plan on Tuesday after a review of its costs, which "
        "had doubled since the first estimate was published.",
        "Work on the river walls is expected to begin in the autumn, the council said in a "
        "statement, with the first homes protected by 2026.",
    ]
    text = "\n\n".join(
        ["# Council approves flood plan", "**By Jane Doe**", "*12 March 2024 09:30 GMT*", *body]
    )
    assert looks_markdown(text.splitlines())
    page = parse_text(text)
    assert page.title == "Council approves flood plan"
    assert page.authors == ["Jane Doe"]
    assert page.published_at is not None and page.published_at.isoformat().startswith(
        "2024-03-12T09:30"
    )
    assert page.paragraphs == body


def test_plain_text_with_asterisks_is_not_taken_for_markdown() -> None:
    assert not looks_markdown(["* Home", "* News", "A line with 2*3 in it", "Another line"])


def test_plain_text_with_code_names_or_form_fields_is_not_taken_for_markdown() -> None:
    """Names between double underscores and a text browser's form fields are no strong
    emphasis: the dump stays plain text, and its names keep their underscores."""
    from workers.parsing.textdump import dump_lines

    code = ["Leave the __init__.py blank.", 'Guard it with if __name__ == "__main__":']
    assert not looks_markdown([*code, "Name: ____________", "____________________"])
    assert dump_lines("\n".join(code))[0] == code
    assert looks_markdown(["__Council approves plan__", "A __strong claim__ here"])


def test_a_dump_that_opens_with_a_heading_is_markdown() -> None:
    assert looks_markdown(["# Harbour bridge reopens", "*Councillors voted on Tuesday.*", "By Jo"])
    assert not looks_markdown(["#MeToo march fills the square", "A second line"])  # a hashtag


def test_a_markdown_dump_whose_signs_come_late_is_markdown() -> None:
    """A converted page may print hundreds of menu lines with no Markdown in them before its
    first heading: its signs count wherever they are, and its heading loses its "##"."""
    menu = [f"Section {i}" for i in range(500)]
    lines = [*menu, "## Harbour bridge reopens", "See [the map](https://example.com/map)."]
    assert looks_markdown(lines)
    assert not looks_markdown([*menu, "## Harbour bridge reopens"])


def test_headings_and_links_are_marked_among_the_plain_lines() -> None:
    lines = [
        "[](https://example.org)",
        "* [Home](https://example.org/)",
        "# Council approves flood plan",
        "## Costs",
        "Read [the report](https://example.org/r) on the council's site before the vote.",
        "#### Calculate Your Dog's Age With This Formula](/news/dog-years)",
    ]
    assert plain_lines(lines) == (
        [
            "* Home",
            "Council approves flood plan",
            "Costs",
            "Read the report on the council's site before the vote.",
            "Calculate Your Dog's Age With This Formula",
        ],
        Marks(headings=frozenset({1}), links=frozenset({0, 4}), second=frozenset({2})),
    )


def test_a_site_name_heading_over_the_headline_is_not_the_title() -> None:
    """ "# The Harbour Times" over "## Council approves ...": the site's name, in a heading
    of its own, over the article's; a top heading over a shorter second one stays the title."""
    body = [
        "The council approved the flood plan on Tuesday after a review of its costs, which "
        "had doubled since the first estimate was published.",
        "Work on the river walls is expected to begin in the autumn, the council said.",
    ]
    headline = "Council approves flood plan after review"
    for byline in ("*By Jane Doe*", "**By Jane Doe**"):
        page = parse_text("\n\n".join(["# The Harbour Times", f"## {headline}", byline, *body]))
        assert (page.title, page.authors, page.paragraphs) == (headline, ["Jane Doe"], body)
    page = parse_text("\n\n".join([f"# {headline}", "## The costs", *body]))
    assert page.title == headline


def test_a_page_of_linked_teasers_after_the_article_is_not_body() -> None:
    """Teasers under "We recommend" read as prose once their links are taken off; in Markdown
    their links say what they are."""
    body = [
        f"The council approved the flood plan on Tuesday after a review of its costs, which "
        f"had doubled since the first estimate was published, in its session number {i}."
        for i in range(6)
    ]
    teasers = [
        f"[Why the old harbour wall could not hold back the winter storms of year {i}?]"
        f"(https://example.org/{i})"
        for i in range(8)
    ]
    menu = [f"* [Section {i}](https://example.org/s{i})" for i in range(30)]
    text = "\n\n".join(
        [*menu, "# Council approves flood plan", *body, "#### We recommend", *teasers]
    )
    page = parse_text(text)
    assert page.title == "Council approves flood plan"
    assert page.paragraphs == body


def test_a_writers_link_broken_over_lines_is_one_byline() -> None:
    """An author's card links the writer's page around a photo and the name's two words on
    lines of their own: the two words are one line, marked as the writer's. A word over a link
    to another kind of page, or over a link whose text is on its own line, stays apart."""
    card = ["[![Jane Doe](/img/jane.jpg)", "Jane", "Doe](https://example.com/autoren/jane-doe)"]
    lines, marks = plain_lines([*card, "The bridge reopened on Monday."])
    assert lines == ["Jane Doe", "The bridge reopened on Monday."]
    assert marks.writers == {0}
    tag = ["[![Harbour](/img/h.jpg)", "Harbour", "Bridge](https://example.com/tags/bridge)"]
    assert plain_lines(tag)[0] == ["Harbour", "Bridge"]
    alone = ["Jane", "[Doe](https://example.com/autoren/jane-doe)"]
    assert plain_lines(alone)[0] == ["Jane", "Doe"]


def test_a_link_to_the_writers_page_under_the_headline_is_the_byline() -> None:
    """A Markdown whole page's byline is often only a link to the writer's page, with no "By";
    the link's target says what it is. A link there that names no one ("More posts") does not
    make a writer; the same words linking another kind of page (a tag's) are no byline."""
    body = [
        f"The council approved the flood plan on Tuesday after a review of its costs, which "
        f"had doubled since the first estimate was published, in its session number {i}."
        for i in range(6)
    ]
    menu = [f"* [Section {i}](https://example.org/s{i})" for i in range(30)]

    def writers(byline: str) -> list[str]:
        text = "\n\n".join([*menu, "# Council approves flood plan", byline, *body, *menu])
        return parse_text(text).authors

    assert writers("* [Amber Guetebier](https://example.org/author/amber-g/)") == [
        "Amber Guetebier"
    ]
    assert writers("[Weitere Beiträge](https://example.org/autor/amber-g/)") == []
    assert writers("[Flood Defences](https://example.org/author/flood-defences/)") == [
        "Flood Defences"
    ]
    assert writers("[Flood Defences](https://example.org/tags/flood-defences/)") == []
    # A staff member's or a profile's page too; a link to the list of writers names no one.
    assert writers("[Zorvan Meloch](https://example.org/fr/staff/zorvan-meloch/)") == [
        "Zorvan Meloch"
    ]
    assert writers("[Kanae Nakamine](https://example.org/profiles/kanae/)") == ["Kanae Nakamine"]
    assert writers("[Columnists](https://example.org/columnists/)") == []
    # The writer's link between the day's and a section's: the name, not the section with it.
    dated = (
        "[30. Oktober 2023](https://example.org/2023/10/) "
        "[Anna Weber](https://example.org/author/anna-weber/) "
        "[Kultur](https://example.org/category/kultur/)"
    )
    assert writers(dated) == ["Anna Weber"]
    marks = plain_lines(["[Amber Guetebier](https://example.org/author/amber-g/)"])[1]
    assert marks.writers == frozenset({0})


def test_an_agencys_byline_yields_to_a_persons_under_it() -> None:
    """A link to the agency's page over the reporter's byline: the reporter wrote it."""
    body = [
        f"The council approved the flood plan on Tuesday after a review of its costs, which "
        f"had doubled since the first estimate was published, in its session number {i}."
        for i in range(6)
    ]
    menu = [f"* [Section {i}](https://example.org/s{i})" for i in range(30)]
    header = ["[AFP](https://example.org/auteur/afp/)", "Par Sébastien Farcis"]
    text = "\n\n".join([*menu, "# Council approves flood plan", *header, *body, *menu])
    assert parse_text(text).authors == ["Sébastien Farcis"]
    text = "\n\n".join([*menu, "# Council approves flood plan", header[0], *body, *menu])
    assert parse_text(text).authors == ["AFP"]


def test_a_paragraph_broken_over_lines_is_one_line() -> None:
    """Converters keep the HTML's own line breaks inside a paragraph, or wrap at 78 columns:
    in Markdown those lines are one paragraph, up to a blank line or a hard break."""
    wrapped = [
        "The council approved the flood plan on Tuesday after a review of its",
        "costs, which had [doubled](https://example.org/costs-doubled-since-2019) since",
        "the first estimate.",
        "",
        "A second paragraph that a hard break ends, long enough to be wrapped  ",
        "and a line under it.",
    ]
    assert paragraphs(wrapped) == [
        "The council approved the flood plan on Tuesday after a review of its costs, which "
        "had [doubled](https://example.org/costs-doubled-since-2019) since the first estimate.",
        "",
        "A second paragraph that a hard break ends, long enough to be wrapped",
        "and a line under it.",
    ]


def test_a_quote_broken_over_lines_is_one_line() -> None:
    """A quote's paragraph wrapped at 78 columns starts each of its lines with ">": they are
    one paragraph, up to a line that is ">" alone; short quoted lines stay apart."""
    quoted = [
        "> Stadia is Google's attempt to make cloud gaming happen, and the company has",
        "> promised a lot: the ability to play basically any game at up to 4K on your",
        "> TV, with no lag. And Stadia delivers.",
        ">",
        "> A second quoted paragraph.",
        "",
        "> A poem's line",
        "> and the next",
    ]
    assert paragraphs(quoted) == [
        "> Stadia is Google's attempt to make cloud gaming happen, and the company has "
        "promised a lot: the ability to play basically any game at up to 4K on your TV, "
        "with no lag. And Stadia delivers.",
        ">",
        "> A second quoted paragraph.",
        "",
        "> A poem's line",
        "> and the next",
    ]
    # (a paragraph wrapped over lines does not run on into a quote under it)
    said = ["The minister told reporters on Tuesday that the review of its costs would", "> No."]
    assert paragraphs(said) == said


def test_a_link_the_wrapping_broke_is_continued_with_its_paragraph() -> None:
    """A wrapped paragraph that opens with a link whose text the wrapping broke: the link's
    first word alone, then its last with the link's target, which filled the line."""
    wrapped = [
        "[AirPods",
        "2](https://example.org/apple-airpods-with-charging-case-latest-model/dp/B07PXGQC1Q)",
        "dropped to an all-time low on Amazon at just $139, and the brand new AirPods",
        "Pro are discounted right now.",
    ]
    assert paragraphs(wrapped) == [" ".join(wrapped)]
    # ...and so is an image's alt text, which then leaves nothing of the image behind.
    image = ["![Klassischer Stollen bestreut mit", "Puderzucker](https://example.org/s.jpg)"]
    assert paragraphs([*image, "", "Der Stollen."]) == [" ".join(image), "", "Der Stollen."]
    assert plain(" ".join(image)) == ""
    # ...and a linked image's, its title broken too ("[![Klassischer Stollen bestreut mit" /
    # "Puderzucker](https://... "Dresdener Stollen hat eine lange" / "Geschichte")](...)").
    linked = [
        "[![Klassischer Stollen bestreut mit",
        "Puderzucker](https://example.org/wp-content/uploads/2023/10/klassischer-stollen.webp",
        '"Dresdener Stollen hat eine lange',
        'Geschichte")](https://example.org/rezepte/dresdner-stollenfest.html?image_id=643538)',
    ]
    assert paragraphs([*linked, "", "Der Stollen."]) == [" ".join(linked), "", "Der Stollen."]
    assert plain(" ".join(linked)) == ""


@pytest.mark.parametrize(
    "lines",
    [
        # A byline and its date on lines of their own: short, so no wrapping broke them (the
        # link's target does not count: "Amelie Siekmann," is what the line says).
        ["Amelie Siekmann,](https://example.org/autoren/amelie-siekmann-591481)", "am 11.12.2022"],
        # A heading, a table's row, an image, a linked image: no paragraph runs on under them.
        ["# The council approves the flood plan after a long review of it", "By Jane Doe"],
        ["| the council approved | the flood plan on Tuesday after a review |", "Next"],
        ["![The bridge at dawn, seen from the harbour wall](https://example.org/b.jpg)", "By"],
        ["[![Newsdesk](data:image/svg+xml;charset=utf-8,%3Csvg xmlns%3D'x')", "**Newsdesk**"],
        # A list item starts a block of its own; code is left as it is.
        ["The council approved the flood plan on Tuesday after a review", "* Home"],
        ["```", "export CDPATH=.:~:~/src:~/dist:~/wikis:~/go/src:~/src/tor:~/x", "cd src", "```"],
        ["    for article in the_council_approved_flood_plan_after_review:", "    print(a)"],
    ],
)
def test_lines_that_no_wrapping_broke_stay_apart(lines: list[str]) -> None:
    assert paragraphs(lines) == [line.strip() for line in lines]


def test_a_markdown_page_wrapped_in_its_source_parses_whole() -> None:
    """A page whose paragraphs come over several lines each (the HTML's own breaks) has them
    all in its body, joined, the byline and date under the headline read as before."""
    menu = [f"* [Section {i}](https://example.org/s{i})" for i in range(30)]
    paragraph = [
        "The council approved the flood plan on Tuesday after a review of its costs,",
        "which had doubled since the first estimate was published, in its session",
        "that ran late into the night.",
    ]
    page = "\n".join(
        [
            *menu,
            "",
            "# Council approves flood plan",
            "",
            "By [Jane Doe](https://example.org/author/jane-doe)",
            "March 18, 2015 at 12:22 PM",
            "",
            *[line for _ in range(6) for line in [*paragraph, ""]],
            # (a line the page did not break, longer than any wrapping: a caption, a link)
            "[Read more about the council's plans for the harbour and the flood defences it "
            "will build](https://example.org/news/2015/03/18/council-harbour-flood-plan)",
            "",
            *menu,
        ]
    )
    parsed = parse_text(page)
    assert parsed.title == "Council approves flood plan"
    assert parsed.authors == ["Jane Doe"]
    assert parsed.published_at is not None
    assert parsed.published_at.isoformat() == "2015-03-18T12:22:00+00:00"
    assert parsed.paragraphs == [" ".join(paragraph)] * 6


def test_a_picture_inlined_as_a_data_url_of_any_length_is_dropped() -> None:
    """A converter writes a picture embedded in the page as its data URL: tens of thousands
    of base64 characters in one image's target, past the length a link's target is read to.
    It is dropped whole, as any image is; a data URL nothing closes is left as it was."""
    blob = "/9j/4AAQSkZJRgABAQEBLAEsAAD" + "Ab+9/z" * 10_000 + "=="
    assert plain(f"![](data:image/jpeg;base64,{blob}) The council met.") == "The council met."
    assert plain(f"[![Map](data:image/png;base64,{blob})](/map) Harbour") == "Harbour"
    unclosed = f"![](data:image/png;base64,{blob}"
    assert plain(unclosed) == unclosed

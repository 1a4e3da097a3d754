from datetime import UTC, date, datetime

import pytest

from workers.parsing.meta import (
    byline_names,
    iso_utc,
    labelled_published,
    looks_like_metadata,
    numeric_date_order,
    page_year,
    parse_datetime,
    read_metadata_line,
    yearless_published,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Monday 03 September 2018 00:37 BST", "2018-09-02T23:37:00Z"),
        ("Updated: Tuesday 4 September 2018 10:12 BST", "2018-09-04T09:12:00Z"),
        ("12 January 2019 09:30 GMT", "2019-01-12T09:30:00Z"),
        ("Published 12 March 2021, 14:05 EST", "2021-03-12T19:05:00Z"),
        ("2019-03-14T08:00:00-05:00", "2019-03-14T13:00:00Z"),
        ("March 3, 2020 at 6:15 p.m. EST", "2020-03-03T23:15:00Z"),
        # "IST" is India's in news datelines (dateparser refuses it; German "ist" is prose).
        ("Published: August 30, 2024 07:29 IST", "2024-08-30T01:59:00Z"),
        ("Das ist am 19. November 2019 passiert", None),
        ("Nov 15, 20195:45 AM", "2019-11-15T05:45:00Z"),  # year and time glued by the layout
        ("He said on 3 March 2018 that it was fine", None),
        # Portuguese, Indonesian, Russian and Dutch month names.
        ("Publicado em 5 de dezembro de 2019 14:05", "2019-12-05T14:05:00Z"),
        ("Maret 30, 2015", "2015-03-30T00:00:00Z"),
        ("30 марта 2015, 14:05", "2015-03-30T14:05:00Z"),
        ("30 maart 2015", "2015-03-30T00:00:00Z"),
        # Polish, Czech and Scandinavian month names, asked of their languages only when named.
        ("Dodano: 30 kwietnia 2021 , 11:55", "2021-04-30T11:55:00Z"),
        ("05 maja 2021", "2021-05-05T00:00:00Z"),
        ("3. května 2021", "2021-05-03T00:00:00Z"),
        ("12 augusti 2020", "2020-08-12T00:00:00Z"),
        # The hours as Spanish-language pages write them.
        ("6 May 2022 - 2:00 a. m.", "2022-05-06T02:00:00Z"),
        ("3 de mayo de 2022 - 10:15 p. m.", "2022-05-03T22:15:00Z"),
        ("Comments come as 440 extra British troops arrive", None),
        # Year first, as East Asian and Hungarian sites print it: one order only.
        ("2024/02/23 08:38 JST", "2024-02-22T23:38:00Z"),
        ("2024.02.23. 08:38", "2024-02-23T08:38:00Z"),
        ("2024/2/3", "2024-02-03T00:00:00Z"),
        ("2024/13/40", None),
        # Chinese, Japanese and Korean dates, a time glued to the day or not.
        ("2019年11月20日", "2019-11-20T00:00:00Z"),
        ("2020年02月14日08:00", "2020-02-14T08:00:00Z"),
        ("2019년 11월 20일 10:30", "2019-11-20T10:30:00Z"),
        ("2019年13月20日", None),
        # ...and never in prose that opens with one ("On 18 July 2017, she joined...").
        ("2017年7月18日，正式加盟环球音乐。", None),
        ("Publicado a 29 de novembro de 2024, 07:54 GMT", "2024-11-29T07:54:00Z"),
        # Turkish months, read only where a line names one.
        ("12 Mart 2024, 14:05", "2024-03-12T14:05:00Z"),
        # A numeric date with dashes, its order told as with slashes: by its zone, else not read.
        ("12-03-2024 14:05 IST", "2024-03-12T08:35:00Z"),
        ("03-12-2024 2:05 PM ET", "2024-03-12T18:05:00Z"),
        ("12-03-2024", None),
    ],
)
def test_datelines_to_utc(line: str, expected: str | None) -> None:
    assert iso_utc(parse_datetime(line)) == expected


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Harriet Agerholm", ["Harriet Agerholm"]),
        ("By Jane Doe and John Roe, Political Editors", ["Jane Doe", "John Roe"]),
        ("By Lucy Pasha-Robinson in Berlin", ["Lucy Pasha-Robinson"]),
        ("By Maria de la Cruz | Meridian Wire", ["Maria de la Cruz"]),
        ("By Tom Hale, Chief Political Correspondent tom.hale@example.com", ["Tom Hale"]),
        ("By Ana Silva & Kwame Mensah", ["Ana Silva", "Kwame Mensah"]),
        ("Isis fighters in Afghanistan", []),
        ("Comments come as 440 extra British troops arrive", []),
        ("Political Correspondent", []),
        # Capitals, and an agency after the name with no comma between.
        ("By TOM KRISHER, AP Auto Writer", ["Tom Krisher"]),
        ("By SAM WHITNEY Associated Press", ["Sam Whitney"]),
        # ...after the last of two names; but after a comma, a known given name's only: "Ap
        # National" is the agency's desk.
        (
            "By GRACE HADDAD and LUCIA FERNANDEZ Associated Press",
            ["Grace Haddad", "Lucia Fernandez"],
        ),
        ("By Steve Peoples, Ap National Political Writer", ["Steve Peoples"]),
        ("By Eleanor Whitfield, Local Democracy Reporter", ["Eleanor Whitfield"]),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"]),
        ("AP Auto Writer", []),
        # A byline that names an agency or a desk and no person gives the agency.
        ("By Reuters", ["Reuters"]),
        ("By The Associated Press", ["The Associated Press"]),
        ("By HNN Staff", ["HNN Staff"]),
        ("By Adam Aaronson PhillyVoice Staff", ["Adam Aaronson"]),  # a desk in camel case
        ("Reuters", []),  # no "By": a dateline or a credit, not a byline
        ("By Tuesday, the council had voted", []),
        ("By Reuters, Washington", ["Reuters"]),  # an agency and its dateline
        ("By By Staff", []),  # a label printed twice: "By Staff" is no desk's name
        # The paper's own staff, unnamed; "Staff" alone is a word, not a desk.
        ("By Staff Writer", ["Staff Writer"]),
        ("By Staff and news service reports", ["Staff and news service reports"]),
        ("By Staff", []),
        # With no "By": a name line with its role after a comma, not a name and a place.
        ("Grace Marsh, Political Correspondent", ["Grace Marsh"]),
        ("Author: Helen Bell", ["Helen Bell"]),
        # An initial after the given name, with no full stop.
        ("By Ariel H", ["Ariel H"]),
        ("By Michael L Anderson", ["Michael L Anderson"]),
        ("By A Anderson", []),  # a capital letter first is no given name
        ("Autor: Rechtsanwalt Sebastian Einbock", ["Sebastian Einbock"]),  # a lawyer's title
        ("Amira Fernandez, Health Editor", ["Amira Fernandez"]),  # any beat before the role
        ("Jane Doe, Chief Middle East Correspondent", ["Jane Doe"]),
        ("Grace Marsh, Cleveland", []),
        # A wire dateline opening the first paragraph is not a byline.
        ("LOS ANGELES (AP) — To LeBron James, triple-doubles are not a goal.", []),
        # Capitalised words around "von" with no "By": a name after a known given name only.
        ("Cowboyboots von Crocs – werden auch Croots genannt", []),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("Von Cowboyboots von Crocs", ["Cowboyboots von Crocs"]),
        # A byline's picture dumped beside its name: the alternative text, the word "Image".
        ("By : Joe S. Joe S.", ["Joe S."]),
        ("Stephen FryStephen Fry", ["Stephen Fry"]),
        ("By J.R. Stone Image", ["J.R. Stone"]),
        # ...or a text browser's name for the picture, in brackets ("[ef7]").
        ("Von [ef7] Lisa Borch", ["Lisa Borch"]),
        ("[e801b40733] Martin Clavey", ["Martin Clavey"]),
        # ...or the portrait's alternative text before the name.
        ("dsteer-headshot Dave Steer", ["Dave Steer"]),
        ("Avatar Frank Hahn", ["Frank Hahn"]),
    ],
)
def test_bylines_give_names_only(line: str, names: list[str]) -> None:
    assert byline_names(line) == names


def test_a_portraits_alternative_text_is_no_part_of_a_dated_bylines_names() -> None:
    found = read_metadata_line("Avatar Frank Hahn am 18. September 2019", bare_names=True)
    assert (found.names, iso_utc(found.published)) == (["Frank Hahn"], "2019-09-18T00:00:00Z")


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("Jane Doe; Reuters", ["Jane Doe"]),  # a person and an agency: the person
        ("Michael L Anderson; Carlos Dobkin", ["Michael L Anderson", "Carlos Dobkin"]),
        ("Reuters", ["Reuters"]),  # an agency alone is the byline
        ("HNN Staff", ["HNN Staff"]),
        ("TOM KRISHER; AP Auto Writer", ["Tom Krisher"]),
        ("Tom Krisher; Ap Auto Writer", ["Tom Krisher"]),
        ("The Independent", []),  # a known masthead is the site, not an author
        # What an extractor that drops digits leaves of the date beside the name is no name's.
        ("Joshua Sokol May", ["Joshua Sokol"]),
        ("Aleš Vávra před", ["Aleš Vávra"]),
        ("Jeff Foust Monday", ["Jeff Foust"]),
        ("Julia Roth Mittwoch", ["Julia Roth"]),
        ("Theresa May", ["Theresa May"]),
        ("Science X staff", ["Science X staff"]),
        ("Username", []),  # a form's label, copied into the field
        ("Autor przepisy pl", ["przepisy pl"]),  # a label before the name, with no colon
        ("作者", []),
        (None, []),
    ],
)
def test_html_metadata_authors_prefer_people_and_keep_a_lone_agency(
    author: str | None, names: list[str]
) -> None:
    from workers.parsing.htmlpage import metadata_authors

    assert metadata_authors(author) == names


@pytest.mark.parametrize(
    ("line", "published", "updated", "names"),
    [
        # Byline and dateline on one line, in either order, with any separator.
        ("By Tess Bonn - 11/19/19 06:56 AM EST", "2019-11-19T11:56:00Z", None, ["Tess Bonn"]),
        # An ISO date with its time and the zone's name ("JST"): read in that zone.
        ("2024-03-12 05:05 JST | Jane Doe", "2024-03-11T20:05:00Z", None, []),
        # A two-digit year with a comma after it, a dotted date (day first); the source's zone
        # is the caller's (UTC here).
        ("19.10.19, 08:00 Uhr", "2019-10-19T08:00:00Z", None, []),
        (
            "5:45 AM PST 11/19/2019 by Patrick Shanley",
            "2019-11-19T13:45:00Z",
            None,
            ["Patrick Shanley"],
        ),
        (
            "By Kashmira Gander On 11/13/19 at 4:00 PM EST",
            "2019-11-13T21:00:00Z",
            None,
            ["Kashmira Gander"],
        ),
        ("* Nov 18, 2019 at 9:24 pm ET • 2 min read", "2019-11-19T02:24:00Z", None, []),
        ("21:17 18.11.2019 Get short URL", "2019-11-18T21:17:00Z", None, []),
        # An "Updated" time is kept apart from the published one.
        ("Updated 1:39 am EST, Wednesday, November 20, 2019", None, "2019-11-20T06:39:00Z", []),
        (
            "Published: 19 Nov 2019 | Updated: 20 Nov 2019",
            "2019-11-19T00:00:00Z",
            "2019-11-20T00:00:00Z",
            [],
        ),
        # A role after the name with no comma is cut off.
        ("By Meg James Staff Writer", None, None, ["Meg James"]),
        # Not metadata: a photo credit, a sentence that mentions a date.
        ("Photo by John Smith", None, None, []),
        ("He said on 3 March 2018 that it was fine", None, None, []),
        # Names alone are not read unless asked for (right under a headline).
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "2019-11-20T04:31:00Z", None, []),
        # A handle and a follow button beside the name; a date with no year, or a relative
        # time, ends the names; a bullet and "by:" before them.
        (
            "by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET",
            "2016-02-01T00:00:00Z",
            None,
            ["Ahiza Garcia"],
        ),
        (
            "By Steven Mufson March 18 at 12:22 PM Follow @StevenMufson",
            None,
            None,
            ["Steven Mufson"],
        ),
        ("* by: Laurie Oakes", None, None, ["Laurie Oakes"]),
        # Who reviewed or edited the article did not write it.
        ("Reviewed by Hansa D. Bhargava, MD", None, None, []),
        ("Edited by Jane Doe", None, None, []),
        # Nor did a reader who commented under it (a German "Kommentar von" is a column's
        # byline, and stays one).
        ("Comment by Bob Smith", None, None, []),
        ("Antwort von Jana Roth 26. März 2004", "2004-03-26T00:00:00Z", None, []),
        ("Réponse de Jean Dupont", None, None, []),
        # Day, month and year joined by full stops.
        ("21.dez.2018 às 12h55", "2018-12-21T12:55:00Z", None, []),
        # A wire story signed with the agency and an editor's initials; a slash elsewhere is
        # no signature.
        ("Von: det/dpa", None, None, ["det/dpa"]),
        ("Von APA/red", None, None, ["APA/red"]),
        ("Text: TCP/IP", None, None, []),
    ],
)
def test_a_metadata_line_gives_its_date_and_names_wherever_they_are(
    line: str, published: str | None, updated: str | None, names: list[str]
) -> None:
    found = read_metadata_line(line)
    assert (iso_utc(found.published), iso_utc(found.updated), found.names) == (
        published,
        updated,
        names,
    )


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", ["Chris Davies"]),
        ("Tom Krisher, AP Auto Writer", ["Tom Krisher"]),
        ("Reuters November 18, 2019 11:03 PM", ["Reuters"]),
        ("VICTOR TANGERMANN, FUTURISM", ["Victor Tangermann"]),
        # Names that begin or end with a connecting word's letters keep them.
        ("Pamela Wilson", ["Pamela Wilson"]),
        ("Leonard Cohen - 12 March 2024", ["Leonard Cohen"]),
        ("Amanda Lyon, Staff Writer", ["Amanda Lyon"]),
        ("Video Games Behind The Screen", []),  # a phrase, not a name
        ("EMAIL ME", []),  # a page's buttons
        ("Copy Link URLCopied!", []),
        ("Back to Gallery", []),
        ("Alex Perry 1 day ago", ["Alex Perry"]),
        # A numeric date whose order nothing tells (read in UTC) still ends a name.
        ("The Guardian 02/10/2020 Anna Fazackerley", ["Anna Fazackerley"]),
        # A theme's count of comments after the names on a dated line; a year stays a year.
        ("September 17, 2019 Helmut Rubik 0", ["Helmut Rubik"]),
        ("Class of 1999", []),
        # An editorial team in the languages of the dates, alone or with its title; a phrase
        # with the word is none.
        ("Redaktion - 31. Januar 2022", ["Redaktion"]),
        ("TVT-Redaktion", ["TVT-Redaktion"]),
        ("Redaktion Polizeiticker Schweiz", ["Redaktion Polizeiticker Schweiz"]),
        ("Redacción Diario Pagina Siete", ["Redacción Diario Pagina Siete"]),
        ("Redaktion für Sie geprüft", []),
        # An hour with its half of the day ends the names, as a date does.
        ("Patrick Danowski 06 PM | 18 Mai", ["Patrick Danowski"]),
        ("Jane Doe 6 p.m.", ["Jane Doe"]),
        # A photo credit, a city (a dateline's place), a button are no byline.
        ("© Frans Blok | Dreamstime.com | Alliander", []),
        ("Andrew Matthews / Forum", []),
        ("São Paulo", []),
        ("New Delhi , News Nation Bureau | Updated : 19 November 2019, 09:01 AM", []),
        ("View Photos", []),
        # Phrases and menu items in other languages, and a line of the page's taxonomy.
        ("* Zu Ihrer Information", []),
        ("Viele Farben, viele Schablonen", []),
        ("Lo Más Leido", []),
        ("Kategorie: Aus dem Alltag, Bilderberg, Schöne Töne", []),
        ("Whatsapp Facebook Pint Baixar", []),  # share buttons
        ("Hi Milan", []),  # a comment's greeting
    ],
)
def test_a_line_of_names_under_a_headline_is_a_byline(line: str, names: list[str]) -> None:
    assert read_metadata_line(line, bare_names=True).names == names


def test_a_clean_dumps_byline_gives_the_date_printed_beside_it() -> None:
    from workers.parsing.textdump import parse_text

    body = "The harbour bridge reopened to traffic on Monday after months of repairs."
    page = parse_text(f"Harbour bridge reopens\nBy Tess Bonn - 11/19/19 06:56 AM EST\n{body}")
    assert page.authors == ["Tess Bonn"]
    assert iso_utc(page.published_at) == "2019-11-19T11:56:00Z"
    assert page.paragraphs == [body]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Łukasz Nowak", ["Łukasz Nowak"]),
        ("Von Jürgen Müller-Lüdenscheidt", ["Jürgen Müller-Lüdenscheidt"]),
        ("By Дмитрий Иванов", ["Дмитрий Иванов"]),
        ("By Conor O’Brien and Mary McDonald", ["Conor O’Brien", "Mary McDonald"]),
        ("By NASA Officials", []),  # an acronym is no name
    ],
)
def test_names_in_any_cased_script(line: str, names: list[str]) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("admin", ["admin"]),  # no byline shape, but the page says it is the author
        ("Kanye", ["Kanye"]),
        ("https://example.com/author/jane", []),
        ("Jane Doe; Futurism", ["Jane Doe"]),  # a person beside an outlet: the person
    ],
)
def test_html_metadata_author_kept_as_written_when_it_is_no_byline(
    author: str, names: list[str]
) -> None:
    from workers.parsing.htmlpage import metadata_authors

    assert metadata_authors(author) == names


def _page_with_jsonld(*blocks: str) -> object:
    from trafilatura.utils import load_html

    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return load_html(f"<html><head>{scripts}</head><body><p>x</p></body></html>")


@pytest.mark.parametrize(
    ("blocks", "names"),
    [
        # The people, not the organisation listed beside them.
        (
            [
                '{"@type": "NewsArticle", "author": [{"@type": "Organization", "name": '
                '"Condé Nast"}, {"@type": "Person", "name": "Molly Wood"}]}'
            ],
            ["Molly Wood"],
        ),
        # An organisation alone is the byline.
        (
            '[{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Reuters"}}]',
            ["Reuters"],
        ),
        # Inside a @graph, after a block that is not the article; a broken block is skipped.
        (
            [
                "{not json",
                '{"@type": "WebSite", "name": "Harbour Daily"}',
                '{"@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle"], "author": '
                '{"@type": "Person", "name": "By JANE DOE, Staff Writer"}}]}',
            ],
            ["Jane Doe"],
        ),
        (['{"@type": "NewsArticle", "headline": "x"}'], []),
        # A block in a CDATA section, and one with a line break left inside a string: read
        # as browsers and search engines read them.
        (
            '//<![CDATA[\n{"@type": "NewsArticle", "author": {"name": "Jane Doe"}}\n//]]>',
            ["Jane Doe"],
        ),
        (
            '<![CDATA[ [{"@type": "NewsArticle", "headline": "A\nB", '
            '"author": {"@type": "Person", "name": "Jane\tDoe"}}] ]]>',
            ["Jane Doe"],
        ),
    ],
)
def test_jsonld_authors_are_the_articles_people(blocks: list[str] | str, names: list[str]) -> None:
    from workers.parsing.htmlpage import jsonld_articles, jsonld_authors

    blocks = [blocks] if isinstance(blocks, str) else blocks
    assert jsonld_authors(jsonld_articles(_page_with_jsonld(*blocks))) == names


def test_jsonld_gives_the_published_and_modified_times() -> None:
    from workers.parsing.htmlpage import jsonld_articles, jsonld_time

    block = (
        '{"@type": "NewsArticle", "datePublished": "2019-11-19T22:05:36-05:00", '
        '"dateModified": "2019-11-20T09:00:00Z"}'
    )
    articles = jsonld_articles(_page_with_jsonld('{"@type": "WebPage"}', block))
    assert iso_utc(jsonld_time(articles, "datePublished")) == "2019-11-20T03:05:36Z"
    assert iso_utc(jsonld_time(articles, "dateModified")) == "2019-11-20T09:00:00Z"
    assert jsonld_time(jsonld_articles(_page_with_jsonld(block[:-1])), "datePublished") is None


def test_a_meta_tags_itemprop_is_read_beside_its_property() -> None:
    """A tag may name its field in several attributes (``property="article:published"
    itemprop="datePublished"``): any of them names it."""
    from trafilatura.utils import load_html

    from workers.parsing.htmlpage import _PUBLISHED_META, _meta_time

    tree = load_html(
        '<html><head><meta property="article:published" itemprop="datePublished" '
        'content="2016-07-29T16:42:34-04:00"></head><body><p>x</p></body></html>'
    )
    assert iso_utc(_meta_time(tree, _PUBLISHED_META)) == "2016-07-29T20:42:34Z"


@pytest.mark.parametrize(
    ("title", "sitename", "url", "expected"),
    [
        # The site's name after a separator, known by its domain or its declared name.
        (
            "How to Adopt a Mindset | BIG Brand System",
            None,
            "https://bigbrandsystem.com/a",
            "How to Adopt a Mindset",
        ),
        (
            "Harbour Daily – Bridge reopens after repairs",
            "Harbour Daily",
            None,
            "Bridge reopens after repairs",
        ),
        # A part that is not the site's name stays, and so does a topic before a colon.
        (
            "Bridge reopens - a long wait ends",
            "Harbour Daily",
            "https://harbourdaily.com/a",
            "Bridge reopens - a long wait ends",
        ),
        ("Reuters: Oil prices rise", None, "https://reuters.com/a", "Reuters: Oil prices rise"),
        ("Bridge reopens", "Harbour Daily", None, "Bridge reopens"),
    ],
)
def test_the_site_name_is_cut_from_an_html_title(
    title: str, sitename: str | None, url: str | None, expected: str
) -> None:
    from workers.parsing.htmlpage import without_site_name

    assert without_site_name(title, sitename, url) == expected


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Louise Matsakis is a Staff Writer at WIRED covering Amazon.", ["Louise Matsakis"]),
        ("Molly Wood (@mollywood) is an Ideas contributor at WIRED.", ["Molly Wood"]),
        ("Prime Minister Keir Starmer is the leader of the Labour Party.", []),
        ("The council is a body of elected members who write the budget.", []),
    ],
)
def test_an_author_box_gives_the_writers_name(line: str, names: list[str]) -> None:
    from workers.parsing.meta import author_box_names

    assert author_box_names(line) == names


def test_a_byline_ends_where_the_next_element_was_glued_on() -> None:
    # A browser's innerText joins inline elements with no space: the name ends at the glue.
    assert byline_names("By Jonathan GarberFOXBusiness") == ["Jonathan Garber"]
    assert byline_names("By\xa0Michael HiltzikBusiness Columnist") == ["Michael Hiltzik"]
    assert byline_names("By Eric SongBy Eric Song") == ["Eric Song"]
    # Capitals inside a name's own short head are no glue.
    assert byline_names("By Mary McDonald and Bryan DeArdo") == ["Mary McDonald", "Bryan DeArdo"]
    assert byline_names("By Ryan MacKenzie") == ["Ryan MacKenzie"]


HEADLINE = "Harbour bridge reopens after repairs"
CLEAN_BODY = [
    "The harbour bridge reopened to traffic on Monday after months of repairs that had forced "
    "commuters onto ferries.",
    "Engineers said the work was finished ahead of schedule, and the council thanked residents "
    "for their patience.",
]


@pytest.mark.parametrize(
    ("header", "names", "published"),
    [
        # Names and dates anywhere on a header line, with labels, separators and read times.
        (["Posted by Marcus Tan on November 12, 2024 at 10:16 pm"], ["Marcus Tan"], "2024-11-12"),
        (
            [
                "By TOM ASHWORTH | tom.ashworth@example.com",
                "PUBLISHED: July 31, 2024 at 7:04 a.m. | UPDATED: August 1, 2024 at 3:04 a.m.",
            ],
            ["Tom Ashworth"],
            "2024-07-31",
        ),
        (["Priya Fernandez", "26 Jan 2024 \u2022 14:11 GMT \u2022 8 min read"], [], "2024-01-26"),
        (
            ["Written by Grace Haddad | New Delhi | Published: August 30, 2024 07:29 IST"],
            ["Grace Haddad"],
            "2024-08-30",
        ),
        # Furniture between a byline and its dateline: a place, a handle, an e-mail.
        (
            ["By Jane Doe and John Roe", "Reporting from Brussels", "March 4, 2024, 2:05 p.m. ET"],
            ["Jane Doe", "John Roe"],
            "2024-03-04",
        ),
        (
            ["Jane Doe", "@janedoe", "jane.doe@example.com", "March 4, 2024 at 2:05 p.m. EST"],
            ["Jane Doe"],
            "2024-03-04",
        ),
        # A name beside a button, over a date: a byline, not a standfirst.
        (["Jane Doe \u00b7 Follow", "6 min read \u00b7 Mar 4, 2024"], ["Jane Doe"], "2024-03-04"),
        # ...or the button on a line between them, over a dateline with a read time.
        (["Jane Doe", "Follow", "Mar 4, 2024 \u00b7 6 min read"], ["Jane Doe"], "2024-03-04"),
        # An agency alone in a wire's dateline.
        (["AFP - Mar 4, 2024 - 14:05 | All, World"], ["AFP"], "2024-03-04"),
        # Dutch "mrt"; a time written "14h05" makes a numeric date day first.
        (["Door Grace Bell", "4 mrt 2024 om 14:05"], ["Grace Bell"], "2024-03-04"),
        (
            [
                "Por Maria Silva, g1 \u2014 S\u00e3o Paulo",
                "04/03/2024 14h05 \u00b7 Atualizado h\u00e1 2 horas",
            ],
            ["Maria Silva"],
            "2024-03-04",
        ),
        # A byline and its date on a line read as a date; a name between tags, no date.
        (["By Jane Doe, 4 March 2024"], ["Jane Doe"], "2024-03-04"),
        (["Jane Doe | Opinion", "4 March 2024"], ["Jane Doe"], "2024-03-04"),
        # A name first, then the date and a short tag.
        (["Jane Doe \u00b7 4 March 2024 \u00b7 Opinion"], ["Jane Doe"], "2024-03-04"),
        # A name beside a date labelled as the published one; a magazine's "Words:".
        (
            ["Jane Doe | Published March 4, 2024 | Updated March 5, 2024"],
            ["Jane Doe"],
            "2024-03-04",
        ),
        (["Words: Jane Doe", "Pictures: John Roe", "4 March 2024"], ["Jane Doe"], "2024-03-04"),
        # A spaced slash ends a byline's names ("By Jane Doe / Staff Writer").
        (["By Jane Doe / Staff Writer", "2024/03/04 14:05 JST"], ["Jane Doe"], "2024-03-04"),
        # A media label and its running time over the byline; a note on the writer under it.
        (["Video", "2:50", "By Jane Doe", "March 4, 2024"], ["Jane Doe"], "2024-03-04"),
        (
            [
                "By Jane Doe",
                "Jane Doe is a professor of economics at Northgate University.",
                "March 4, 2024",
            ],
            ["Jane Doe"],
            "2024-03-04",
        ),
        # Furniture between a dateline and the bare name under it.
        (
            ["March 4, 2024 2:05 PM ET", "Heard on Morning Edition", "Jane Doe"],
            ["Jane Doe"],
            "2024-03-04",
        ),
        # Only an "Updated" time, on the byline's line: the page was published then or before.
        (
            ["Written by Grace Haddad | New Delhi | Updated: August 30, 2024 07:29 IST"],
            ["Grace Haddad"],
            "2024-08-30",
        ),
        # A time told with "Uhr" is Central European: 00.30 on 4 March is 23:30 UTC on the 3rd.
        (["Jane Doe, Z\u00fcrich", "04.03.2024, 00.30 Uhr"], ["Jane Doe"], "2024-03-03"),
        # A name, a reading time and a date on one line; a romanised Chinese given name.
        (["Wei Osei \u00b7 6 min read \u00b7 Mar 4, 2024"], ["Wei Osei"], "2024-03-04"),
        (
            ["By HELEN MARSH and WEI ASHWORTH Associated Press", "March 4, 2024"],
            ["Helen Marsh", "Wei Ashworth"],
            "2024-03-04",
        ),
        # A time told from when the page was read is no paragraph.
        (["By Jane Doe", "March 4, 2024", "Updated 2 hours ago"], ["Jane Doe"], "2024-03-04"),
        (
            ["Por Jane Doe", "04/03/2024 14h05", "Atualizado h\u00e1 2 horas"],
            ["Jane Doe"],
            "2024-03-04",
        ),
    ],
)
def test_a_clean_dumps_header_lines_give_names_and_dates_wherever_they_are(
    header: list[str], names: list[str], published: str
) -> None:
    from workers.parsing.textdump import parse_text

    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header, *CLEAN_BODY]))
    assert page.title == "Harbour bridge reopens after repairs"
    assert (iso_utc(page.published_at) or "")[:10] == published
    if names:
        assert page.authors == names
    assert page.paragraphs == CLEAN_BODY


def test_a_name_beside_an_unlabelled_date_is_no_byline() -> None:
    """A quotation's source under the headline ("Jane Doe; Minister; Daily Nation; Mar 4,
    2024."): a name and a date, but no label says the date is the article's."""
    from workers.parsing.textdump import parse_text

    header = ["Jane Doe; Minister on Stage; Daily Nation (Barbados); Mar 4, 2024."]
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header, *CLEAN_BODY]))
    assert page.authors == []


def test_a_box_of_main_points_under_the_header_is_the_standfirst() -> None:
    """ "Key points:" and its list under the byline and dateline: the article's summary, kept
    apart from the body; one point alone, or a list with no such heading, stays in the body."""
    from workers.parsing.textdump import parse_text

    header = ["By Jane Doe", "March 4, 2024", "Key points:", "• Costs doubled", "• Vote in May"]
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header, *CLEAN_BODY]))
    assert page.standfirst == "Costs doubled\nVote in May"
    assert page.paragraphs == CLEAN_BODY
    page = parse_text(
        "\n\n".join(["Harbour bridge reopens after repairs", *header[:4], *CLEAN_BODY])
    )
    assert page.standfirst is None
    assert page.paragraphs == [*header[2:4], *CLEAN_BODY]


@pytest.mark.parametrize(
    "last", ["— Jane Doe, with reporting by John Roe", "Jane Doe; additional reporting by John Roe"]
)
def test_a_signature_names_its_writer_not_those_who_helped(last: str) -> None:
    from workers.parsing.textdump import parse_text

    lines = ["Harbour bridge reopens after repairs", "March 4, 2024", *CLEAN_BODY, last]
    page = parse_text("\n\n".join(lines))
    assert page.authors == ["Jane Doe"]
    assert page.paragraphs == CLEAN_BODY


def test_a_kicker_that_names_the_kind_of_article_is_no_title() -> None:
    """ "Guest Essay" over the headline, as "OPINION" is; a short headline over a longer line
    stays the title."""
    from workers.parsing.textdump import parse_text

    header = ["Guest Essay", "Harbour bridge reopens after repairs", "By Jane Doe", "March 4, 2024"]
    page = parse_text("\n\n".join([*header, *CLEAN_BODY]))
    assert (page.title, page.authors) == ("Harbour bridge reopens after repairs", ["Jane Doe"])
    header = ["Bridge Works", "Harbour bridge reopens after repairs", "By Jane Doe"]
    assert parse_text("\n\n".join([*header, *CLEAN_BODY])).title == "Bridge Works"


def test_a_phrase_beside_a_reading_time_and_a_date_is_no_byline() -> None:
    from workers.parsing.textdump import parse_text

    header = ["Harbour Works \u00b7 6 min read \u00b7 Mar 4, 2024"]
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header, *CLEAN_BODY]))
    assert page.authors == []
    assert (iso_utc(page.published_at) or "")[:10] == "2024-03-04"


def test_a_photos_credit_under_a_caption_is_no_byline() -> None:
    """Furniture is skipped before a name alone under the dateline, not before a credit."""
    from workers.parsing.textdump import parse_text

    header = ["March 4, 2024 2:05 PM ET", "Harbour bridge at dawn", "Jane Doe, Associated Press"]
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header, *CLEAN_BODY]))
    assert page.authors == []
    assert (iso_utc(page.published_at) or "")[:10] == "2024-03-04"


def test_a_key_value_headers_title_loses_its_label() -> None:
    from workers.parsing.textdump import parse_text

    header = "\n".join(
        [
            "Title: Harbour bridge reopens after repairs",
            "Author: Jane Doe",
            "Date: Mon, 04 Mar 2024 00:30:00 +0100",
        ]
    )
    page = parse_text("\n\n".join([header, *CLEAN_BODY]))
    assert page.title == "Harbour bridge reopens after repairs"
    assert page.authors == ["Jane Doe"]
    assert iso_utc(page.published_at) == "2024-03-03T23:30:00Z"
    assert page.paragraphs == CLEAN_BODY


@pytest.mark.parametrize(
    "header",
    [
        "From: Jane Doe <jane@example.com>\nDate: Mon, 04 Mar 2024 09:00:00 +0000\n"
        "Subject: Harbour bridge reopens after repairs",
        '---\ntitle: "Harbour bridge reopens after repairs"\nauthor: Jane Doe\n'
        "date: 2024-03-04T09:00:00Z\n---",
        "Headline: Harbour bridge reopens after repairs\nByline: Jane Doe\n"
        "Dateline: March 4, 2024 09:00 GMT",
    ],
)
def test_an_e_mails_or_front_matters_fields_are_the_header(header: str) -> None:
    from workers.parsing.textdump import parse_text

    page = parse_text("\n\n".join([header, *CLEAN_BODY]))
    assert (page.title, page.authors) == ("Harbour bridge reopens after repairs", ["Jane Doe"])
    assert iso_utc(page.published_at) == "2024-03-04T09:00:00Z"
    assert page.paragraphs == CLEAN_BODY


def test_a_clean_dumps_last_line_a_name_alone_signs_it() -> None:
    from workers.parsing.textdump import parse_text

    lines = ["Harbour bridge reopens after repairs", "4 March 2024", *CLEAN_BODY, "\u2014 Jane Doe"]
    page = parse_text("\n\n".join(lines))
    assert page.authors == ["Jane Doe"]
    assert page.paragraphs == CLEAN_BODY


def test_bylines_end_at_the_paper_or_site_the_writer_writes_for() -> None:
    assert byline_names("Jane Doe, The Civic Review") == ["Jane Doe"]
    assert byline_names("By JANE DOE FOR CIVICONLINE") == ["Jane Doe"]
    assert byline_names("By Jean De La Fontaine") == ["Jean De La Fontaine"]  # a name, whole


def test_a_wire_storys_source_label_names_its_agency() -> None:
    from workers.parsing.textdump import parse_text

    header = ["Source: Reuters | 2024-03-04 09:00:00 | Editor: John Roe"]
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header, *CLEAN_BODY]))
    assert page.authors == ["Reuters"]
    assert iso_utc(page.published_at) == "2024-03-04T09:00:00Z"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Av Helen Marsh", ["Helen Marsh"]),
        ("Af Jens Jensen", ["Jens Jensen"]),
        ("AV weh! ich bin", []),
    ],
)
def test_scandinavian_bylines_say_av_or_af(line: str, names: list[str]) -> None:
    assert byline_names(line) == names
    assert looks_like_metadata(line) == bool(names)  # a verse's "AV weh!" is no byline


def test_a_dateline_and_byline_run_into_the_first_paragraph_are_taken_out_of_it() -> None:
    from workers.parsing.textdump import parse_text

    first = f"March 4, 2024 \u2014 By Jane Doe \u2014 {CLEAN_BODY[0]}"
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", first, *CLEAN_BODY[1:]]))
    assert (page.authors, (iso_utc(page.published_at) or "")[:10]) == (["Jane Doe"], "2024-03-04")
    assert page.paragraphs == CLEAN_BODY
    # A place before the dash is no dateline: the paragraph stays whole.
    placed = f"NORTHGATE \u2014 {CLEAN_BODY[0]}"
    page = parse_text(
        "\n\n".join(["Harbour bridge reopens after repairs", placed, *CLEAN_BODY[1:]])
    )
    assert page.paragraphs[0] == placed


@pytest.mark.parametrize(
    "over",
    [
        "Politics, Environment",  # the article's tags
        "Residents fill sandbags on the high street. Photo: John Roe/Northgate Courier",
    ],
)
def test_tags_or_a_caption_over_the_headline_are_not_the_title(over: str) -> None:
    from workers.parsing.textdump import parse_text

    lines = [over, "Harbour bridge reopens after repairs", "By Jane Doe", "4 March 2024"]
    page = parse_text("\n\n".join([*lines, *CLEAN_BODY]))
    assert (page.title, page.authors) == ("Harbour bridge reopens after repairs", ["Jane Doe"])


def test_a_name_with_a_title_after_its_comma_is_no_tag_list() -> None:
    """ "Carlos Dobkin, PhD" over an affiliation: a traf tune page's headline area, where the
    tag-list rule at first took the name for a section's tags."""
    from workers.parsing.textdump import _is_kicker

    assert _is_kicker("Politics, Environment", "Harbour bridge reopens after repairs")
    assert not _is_kicker("Carlos Dobkin, PhD", "Harbour bridge reopens after repairs")
    assert not _is_kicker("Plejaden, M45", "Harbour bridge reopens after repairs")


def test_a_breadcrumbs_date_over_the_headline_is_the_published_day() -> None:
    from workers.parsing.textdump import parse_text

    lines = ["World | 4 March 2024", "Harbour bridge reopens after repairs", "By Jane Doe"]
    page = parse_text("\n\n".join([*lines, *CLEAN_BODY]))
    assert page.title == "Harbour bridge reopens after repairs"
    assert (iso_utc(page.published_at) or "")[:10] == "2024-03-04"
    assert page.paragraphs == CLEAN_BODY


def test_a_standfirst_over_a_byline_and_a_dateline_stays_the_standfirst() -> None:
    from workers.parsing.textdump import parse_text

    standfirst = "Councillors voted after a four-hour debate"
    header = [standfirst, "By Jane Doe", "4 March 2024 10:00 GMT"]
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header, *CLEAN_BODY]))
    assert (page.standfirst, page.authors) == (standfirst, ["Jane Doe"])
    assert page.paragraphs == CLEAN_BODY


def test_a_date_the_standfirst_tells_is_not_the_published_one() -> None:
    """A standfirst that tells a date ("... ab 1. Januar 2025 um ... 12,7 Prozent", read as
    a date and a time) is prose: the dateline under it is the article's."""
    from workers.parsing.textdump import parse_text

    standfirst = "Die Maut wird ab 1. Januar 2025 um durchschnittlich 12,7 Prozent angehoben."
    header = [standfirst, "By Jane Doe", "4 March 2024 10:00 GMT"]
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header, *CLEAN_BODY]))
    assert (page.standfirst, page.authors) == (standfirst, ["Jane Doe"])
    assert iso_utc(page.published_at) == "2024-03-04T10:00:00Z"
    # A short metadata line that ends with a full stop is still read.
    header = ["Posted by Jane Doe on 4 March 2024.", *CLEAN_BODY]
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", *header]))
    assert (iso_utc(page.published_at) or "")[:10] == "2024-03-04"
    # Every reader of metadata lines takes the sentence for prose, not the header's alone.
    assert read_metadata_line(standfirst).published is None
    assert read_metadata_line("Posted by Jane Doe on 4 March 2024.").names == ["Jane Doe"]


def test_a_section_kicker_over_the_headline_is_not_the_title() -> None:
    from workers.parsing.textdump import parse_text

    text = "\n\n".join(
        ["POLITICS", "Harbour bridge reopens after repairs", "By Jane Doe", *CLEAN_BODY]
    )
    page = parse_text(text)
    assert page.title == "Harbour bridge reopens after repairs"
    assert {"line": "POLITICS", "rule": "kicker"} in page.removed
    # A one-word headline over its byline stays the headline.
    assert parse_text("\n\n".join(["Flooded", "By Jane Doe", *CLEAN_BODY])).title == "Flooded"


def test_a_date_over_the_headline_is_the_date_not_the_title() -> None:
    from workers.parsing.textdump import parse_text

    text = "\n\n".join(["July 10, 2024", "Harbour bridge reopens after repairs", *CLEAN_BODY])
    page = parse_text(text)
    assert page.title == "Harbour bridge reopens after repairs"
    assert iso_utc(page.published_at) == "2024-07-10T00:00:00Z"
    assert page.paragraphs == CLEAN_BODY


@pytest.mark.parametrize(
    "above",
    [
        # an interstitial's notice over its button
        ["Welcome to the Harbour Gazette's European experience", "Learn More"],
        # a photo's caption, longer than any headline and ending its sentence
        [
            "Crews lift the last span of the bridge into place on Tuesday morning, watched by "
            "hundreds of residents who lined the harbour wall to see the work finished at last."
        ],
        # cells a text browser laid side by side
        ["Crews lift the last span into place" + " " * 20 + "Subscribe to our newsletter"],
        # a caption that ends with its photo's credit
        ["Crews lift the last span of the bridge into place. (credit: Harbour Daily/Jo Lee)"],
    ],
)
def test_the_headline_under_a_caption_or_a_notice_is_the_title(above: list[str]) -> None:
    from workers.parsing.textdump import parse_text

    header = ["Harbour bridge reopens after repairs", "By Jane Doe", "July 10, 2024"]
    page = parse_text("\n\n".join([*above, *header, *CLEAN_BODY]))
    assert page.title == "Harbour bridge reopens after repairs"
    assert page.authors == ["Jane Doe"]
    assert [r["line"] for r in page.removed if r["rule"] == "above_headline"] == above
    assert page.paragraphs == CLEAN_BODY


def test_a_standfirst_between_headline_and_byline_leaves_the_headline_first() -> None:
    from workers.parsing.textdump import parse_text

    header = [
        "Harbour bridge reopens after repairs",
        "Ministers face questions over the cost",
        "By Jane Doe",
    ]
    page = parse_text("\n\n".join([*header, *CLEAN_BODY]))
    assert page.title == "Harbour bridge reopens after repairs"
    assert page.standfirst == "Ministers face questions over the cost"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        # a text browser prints the avatar's name and the byline with no space between
        ("Eric SongBy Eric Song", ["Eric Song"]),
        # a button glued to the name, and a button after it
        ("By Marcus De GuzmanView More Articles", ["Marcus De Guzman"]),
        ("Marcus De Guzman See all posts", ["Marcus De Guzman"]),
        # names with capitals inside them stay whole
        ("By LeBron James", ["LeBron James"]),
        ("By Mary McDonald and Thomas More", ["Mary McDonald", "Thomas More"]),
    ],
)
def test_a_byline_glued_to_the_pages_furniture_gives_the_names(line: str, names: list[str]) -> None:
    assert byline_names(line) == names


def test_a_name_over_its_role_line_is_the_byline_and_the_date_under_them_is_read() -> None:
    from workers.parsing.textdump import parse_text

    header = ["Harbour bridge reopens after repairs", "Jonas Liu"]
    header += ["Senior Political Correspondent", "May 18, 2024 22:32 UTC"]
    page = parse_text("\n\n".join([*header, *CLEAN_BODY]))
    assert page.title == "Harbour bridge reopens after repairs"  # the name is no button
    assert page.authors == ["Jonas Liu"]
    assert iso_utc(page.published_at) == "2024-05-18T22:32:00Z"
    assert page.paragraphs == CLEAN_BODY


def test_bare_names_with_the_place_they_write_from_are_a_byline() -> None:
    assert byline_names("Jennifer Rankin and Daniel Boffey in Brussels") == [
        "Jennifer Rankin",
        "Daniel Boffey",
    ]
    assert byline_names("Jane Doe in New York") == ["Jane Doe"]
    assert byline_names("Flooding in East Anglia") == []


def test_a_time_written_with_h_makes_a_numeric_date_day_first() -> None:
    """ "14h05", "9h05min": hours and minutes the French, Portuguese and Spanish way, where dates
    are written day first."""
    assert numeric_date_order("05/06/2024 14h05", "UTC") == "DMY"
    assert numeric_date_order("05/06/2024 9h05min", "UTC") == "DMY"
    assert numeric_date_order("05/06/2024", "UTC") == "?"


def test_a_label_is_no_bare_byline_but_a_labelled_one_still_is() -> None:
    """Capitalised words before a colon label what follows them ("Set Your Location:", a
    weather box's field under a headline); "By" before them still makes them names."""
    assert byline_names("Set Your Location:") == []
    assert byline_names("Jane Doe") == ["Jane Doe"]
    assert byline_names("By Jane Doe:") == ["Jane Doe"]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("Текст: Мария Иванова", ["Мария Иванова"]),
        ("Autora: Ana Costa", ["Ana Costa"]),
        ("Oleh: Ahmad Fauzi", ["Ahmad Fauzi"]),
        ("Oleh Sentsov", ["Oleh Sentsov"]),  # a first name, not Indonesian "by"
        # "and" in the other languages, in lower case; a title before a name; a French surname
        # in capitals; a label for who wrote it.
        ("von Lars Fischer und Alina Schadwinkel", ["Lars Fischer", "Alina Schadwinkel"]),
        ("Par Marie Dupont et Paul Martin", ["Marie Dupont", "Paul Martin"]),
        ("von Dr. Sebastian Brüggemann", ["Sebastian Brüggemann"]),
        ("Par Chokri GHARBI", ["Chokri Gharbi"]),
        ("Interview: Julia Lauter", ["Julia Lauter"]),
        ("Auteur: Anna Kubišta", ["Anna Kubišta"]),
        ("By J.R. Stone", ["J.R. Stone"]),  # initials run together
        ("Text: Anna Roth", ["Anna Roth"]),
        ("Teksti: Anna Roth", ["Anna Roth"]),
        # "Author:" in Turkish, Indonesian and Hungarian (family name first)
        ("Yazar: Ayşe Yılmaz", ["Ayşe Yılmaz"]),
        ("Penulis: Budi Santoso", ["Budi Santoso"]),
        ("Szerző: Kovács Anna", ["Kovács Anna"]),
        ("Story: Anna Roth", ["Anna Roth"]),
        # A name with where it is written from, with no "By".
        ("Daniel Haddad reports from Nairobi", ["Daniel Haddad"]),
        # Romanian "de" before a known given name only: elsewhere "de" is a preposition.
        ("de Ion Popescu", ["Ion Popescu"]),
        ("de Teatro Colón", []),
        # A role between "By" and the name.
        ("By Senior Correspondent Jane Doe", ["Jane Doe"]),
        # A city after the names is where they write from, not one more of them.
        ("By Jonas Ashworth, New Delhi", ["Jonas Ashworth"]),
        ("By Jane Doe and John Roe, Nairobi", ["Jane Doe", "John Roe"]),
        ("By Staff Writer Jane Doe", ["Jane Doe"]),
        # ...but capitals after a name too short for a surname are a brand's.
        ("By Jane Doe CNN", []),
    ],
)
def test_bylines_in_other_languages(line: str, names: list[str]) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize(
    ("line", "published", "names"),
    [
        # The word that joins the names to the date taken out ("am", "le") is no name's.
        ("von Stefan Beiersmann am 29. Mai 2017 , 14:14 Uhr", "2017-05-29", ["Stefan Beiersmann"]),
        ("Par Jean Dupont le 3 mars 2020", "2020-03-03", ["Jean Dupont"]),
        (
            "Dienstag, 13. Mai 2014, von Dr. Sebastian Brüggemann",
            "2014-05-13",
            ["Sebastian Brüggemann"],
        ),
        # ...but only in lower case: a name may end in "Le".
        ("By Tuan Le, 3 March 2020", "2020-03-03", ["Tuan Le"]),
        # One word after a "by" the page prints is a blog's or a forum's signature...
        ("Von Thilo / 6. November 2023 / Keine Kommentare", "2023-11-06", ["Thilo"]),
        ("erstellt von Dominique — veröffentlicht 28.01.2022 06:00", "2022-01-28", ["Dominique"]),
        # ...never a month, a city, or a word that more words follow.
        ("By September 2019", "", []),
        ("Flights by Berlin, 3 March 2020", "2020-03-03", []),
        ("by Olga Symbolbild imago, 06.11.2023", "2023-11-06", []),
        # A German name's "von" is no "by"; a "vom" before the date is no name's.
        ("Christoph von Ritter 24. April 2020", "2020-04-24", ["Christoph von Ritter"]),
        ("Leasing von Firmenfahrzeugen 24. April 2020", "2020-04-24", []),  # no given name
        ("Kommentar von Christian Stadtfeld", "", ["Christian Stadtfeld"]),
        ("Von Jule Radeck Vom 3. Februar 2022 0", "2022-02-03", ["Jule Radeck"]),
        # German's gender-neutral label, and a time after a spaced comma.
        ("STAND 21.4.2021 , 16:41 Uhr AUTOR/IN Julius Richter", "2021-04-21", ["Julius Richter"]),
        ("Autor*in: Anna Schmidt", "", ["Anna Schmidt"]),
        # One word after a "von" is a signature after a label, not inside a phrase.
        ("Beitrag von r23 » 21.01.2009, 05:42", "2009-01-21", ["r23"]),
        ("Geschrieben von Cooper am 25.08.2015 22:30", "2015-08-25", ["Cooper"]),
        ("Granulator zum Recycling von Elektrokleingeräten", "", []),
        ("Zitat von TheFreeman", "", []),
        # Inside a phrase, "von" is a preposition unless a known given name follows it.
        ("Ein Hauch von New York in Burgthann", "", []),
        ("Ein Gastbeitrag von Meike Neitz", "", ["Meike Neitz"]),
        # A theme's slash after the date, its spaces lost; never a longer numeric date.
        ("October 12, 2018/0 Comments/in News", "2018-10-12", []),
        ("see 12.10.2020/5/6", "", []),
        # An embedded post's signature is another's name and date.
        ("— West Ham United (@WestHam) October 31, 2021", "", []),
        ("By Jane Doe (@jdoe) 3 March 2020", "2020-03-03", ["Jane Doe"]),
        # The date's own label after the names is none of theirs.
        ("Autor: Jane Doe Datum: 2. März 2020", "2020-03-02", ["Jane Doe"]),
        ("By Jane Doe Published: 2 March 2020", "2020-03-02", ["Jane Doe"]),
        # French spaces a label's colon off ("Auteur : ..."), and not only in French.
        ("Auteur : Jeanne Roux", "", ["Jeanne Roux"]),
        ("Author : Jane Doe, 3 March 2020", "2020-03-03", ["Jane Doe"]),
        # The label itself is nobody's name ("Auteur(s) :" under "Auteur :").
        ("Auteur: Auteur(s) :", "", []),
    ],
)
def test_a_byline_with_its_date_in_other_languages(
    line: str, published: str, names: list[str]
) -> None:
    meta = read_metadata_line(line)
    assert (iso_utc(meta.published) or "")[:10] == published
    assert meta.names == names


@pytest.mark.parametrize(
    "text",
    [
        "3 maj 2021",
        "Mai 2020 jun",
        "x März, 4 enero",
        "listopadu 2019",
        "May",
        "mayo",
        "my",
        "j",
        "",
    ],
)
def test_months_grouped_by_first_letter_match_what_the_plain_alternation_does(text: str) -> None:
    import re

    from workers.parsing.meta import _MONTH_NAMES, _MONTHS

    def spans(alternation: str) -> list[tuple[int, int]]:
        rx = re.compile(rf"\b(?:{alternation})\b", re.I)
        return [m.span() for m in rx.finditer(text)]

    assert spans(_MONTHS) == spans(_MONTH_NAMES)


def test_a_lone_word_is_a_name_only_after_a_by_the_page_prints() -> None:
    assert byline_names("By Daniel", lone_name=True) == ["Daniel"]
    assert byline_names("By Daniel") == []  # the caller may have put the "By" there itself
    assert read_metadata_line("Stars | 06.11.2023", bare_names=True).names == []


def test_a_users_handle_is_a_byline_only_on_a_dated_line_and_never_an_admins() -> None:
    assert read_metadata_line("Posted on 2015-04-05 by marc | Leave a comment").names == ["marc"]
    assert read_metadata_line("Veröffentlicht am 12. Juni 2017 von gizzmo").names == ["gizzmo"]
    assert read_metadata_line("Posted by marc").names == []  # no date: "by email", "by hand"
    assert read_metadata_line("Posted on 2015-04-05 by jdadmin").names == []
    assert read_metadata_line("by the way, 3 May 2020").names == []
    # initials in capitals sign a dated line too; an administrator's account in capitals does not
    assert read_metadata_line("October 19, 2019 by IWB").names == ["IWB"]
    assert read_metadata_line("Posted on 2016-04-15 by LD").names == ["LD"]
    assert read_metadata_line("Posted by LD").names == []
    assert read_metadata_line("Posted on 2016-04-15 by ADMIN").names == []


def test_a_labelled_published_date_is_read_wherever_the_page_prints_it() -> None:
    lines = [
        "Il conto alla rovescia nel mondo",
        "Ultimo aggiornamento: 30 Settembre 2020",
        "Pubblicato il: 29 Settembre 2020",
        "Veröffentlicht am 3. Mai 2021",
    ]
    assert (iso_utc(labelled_published(lines)) or "")[:10] == "2020-09-29"
    assert labelled_published(["Posted in Politics", "Published on nothing at all"]) is None
    # At most a few labelled lines are parsed: a page of them costs no more than that.
    unparsable = ["Published: soon"] * 10_000
    assert labelled_published([*unparsable, "Published: 3 May 2021"]) is None


def test_a_by_alone_on_its_line_joins_the_name_under_it() -> None:
    from workers.parsing.textdump import parse_text

    header = ["Harbour bridge reopens after repairs", "11/19/2019", "by", "Patrick Shanley"]
    page = parse_text("\n\n".join([*header, *CLEAN_BODY]))
    assert page.authors == ["Patrick Shanley"]
    assert page.paragraphs == CLEAN_BODY


def test_an_author_label_alone_on_its_line_joins_the_name_under_it() -> None:
    from workers.parsing.meta import labelled_byline
    from workers.parsing.textdump import dump_lines

    lines, _ = dump_lines("Ein Beitrag von:\n  * Alexandra Ilina\nContent-Managerin beim Verlag.")
    assert lines[0] == "Ein Beitrag von: Alexandra Ilina"
    found = labelled_byline(lines)
    assert found is not None and found.names == ["Alexandra Ilina"]
    # A definition list's label and value, as a Markdown converter writes them.
    lines, _ = dump_lines("AUTOR/IN\n:   Julius Richter\n* [Sport](/sport)")
    assert lines[0] == "AUTOR/IN Julius Richter"
    # A date's label alone joins the short line under it, never a paragraph.
    lines, _ = dump_lines("veröffentlicht\n28.01.2022 06:00\nCommunity:")
    assert lines[0] == "veröffentlicht 28.01.2022 06:00"
    paragraph = "The council met on Tuesday and voted for the plan after a long debate."
    assert dump_lines(f"Posted\n{paragraph}")[0] == ["Posted", paragraph]


def test_a_wire_storys_dateline_names_its_agency_when_no_byline_does() -> None:
    from workers.parsing.textdump import parse_text

    first = f"LONDON (Reuters) - {CLEAN_BODY[0]}"
    page = parse_text("\n\n".join(["Harbour bridge reopens after repairs", first, CLEAN_BODY[1]]))
    assert page.authors == ["Reuters"]
    assert page.paragraphs == [first, CLEAN_BODY[1]]  # the dateline stays: it is the story's
    bylined = "\n\n".join(["Harbour bridge reopens", "By Jane Doe", first, CLEAN_BODY[1]])
    assert parse_text(bylined).authors == ["Jane Doe"]


END_OF_2019 = datetime(2019, 12, 31, 23, 59, tzinfo=UTC)


NEW_YORK = "America/New_York"


@pytest.mark.parametrize(
    ("lines", "reference", "zone", "expected"),
    [
        # the posting time, not the update before it; in the site's own zone
        (
            ["Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM"],
            END_OF_2019,
            NEW_YORK,
            "2019-11-19T11:51:00Z",
        ),
        (["By Nathan Birch", "Nov 18"], END_OF_2019, "UTC", "2019-11-18T00:00:00Z"),
        (["19 November 14:05"], END_OF_2019, "UTC", "2019-11-19T14:05:00Z"),
        # a date after the reference is last year's
        (["Dec 30"], datetime(2026, 1, 2, tzinfo=UTC), "UTC", "2025-12-30T00:00:00Z"),
        # a date with its year is not this rule's
        (["The show runs until Nov 19, 2019"], END_OF_2019, "UTC", None),
        (["By Jane Doe"], END_OF_2019, "UTC", None),
    ],
)
def test_a_date_printed_without_its_year_takes_the_latest_year_it_can(
    lines: list[str], reference: datetime, zone: str, expected: str | None
) -> None:
    assert iso_utc(yearless_published(lines, reference, zone)) == expected


def test_the_pages_year_is_its_copyright_lines_latest() -> None:
    assert page_year(["© 2002-2019 Gray Digital Media", "Copyright © 2018, Times"]) == 2019
    assert page_year(["In 2019 the council met", "Contact us"]) is None


def test_a_yearless_dateline_in_an_archived_page_takes_its_copyright_year() -> None:
    from workers.parsing.textdump import parse_text

    header = ["Harbour bridge reopens after repairs", "By Jane Doe", "Nov 19, 6:51 AM"]
    footer = ["Contact us", "© 2019 Harbour Daily Media"]
    text = "\n\n".join([*header, *CLEAN_BODY, *footer])
    fetched = datetime(2026, 12, 1, tzinfo=UTC)
    assert iso_utc(parse_text(text, "UTC", fetched).published_at) == "2019-11-19T06:51:00Z"
    # no copyright line: the latest Nov 19 before it was fetched
    text = "\n\n".join([*header, *CLEAN_BODY])
    assert iso_utc(parse_text(text, "UTC", fetched).published_at) == "2026-11-19T06:51:00Z"
    assert parse_text(text, "UTC").published_at is None  # nothing to place it in
    # a URL that files the page under a month bounds it too
    filed = parse_text(text, "UTC", fetched, url="https://example.com/2021/11/harbour-bridge/")
    assert iso_utc(filed.published_at) == "2021-11-19T06:51:00Z"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Spanish and Portuguese short months; the time after a dash or a bullet
        ("Madrid - 7 ago 2024 - 10:05 CEST", "2024-08-07T08:05:00Z"),
        ("2 dic 2024 - 13:03 CET", "2024-12-02T12:03:00Z"),
        ("6 November 2024 • 9:13pm", "2024-11-06T21:13:00Z"),
    ],
)
def test_a_time_after_a_dash_or_a_bullet_belongs_to_its_date(line: str, expected: str) -> None:
    assert iso_utc(read_metadata_line(line).published) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the word for "at" between the day and its time, in the dates' languages
        ("20. November 2022 um 10:36 Uhr", "2022-11-20T09:36:00Z"),
        ("Le Monde | 04.05.2015 à 13h36", "2015-05-04T11:36:00Z"),
        ("4 de mayo de 2015 a las 13:36 | Por Juan Pérez", "2015-05-04T11:36:00Z"),
        ("4 maggio 2015 alle 13:36", "2015-05-04T11:36:00Z"),
        ("4 mei 2015 om 13:36", "2015-05-04T11:36:00Z"),
        # "12h55", which dateparser reads in French only
        ("21.dez.2018 às 12h55", "2018-12-21T11:55:00Z"),
        ("21.dez.2018 12h55", "2018-12-21T11:55:00Z"),
    ],
)
def test_a_time_after_its_word_for_at_belongs_to_its_date(line: str, expected: str) -> None:
    assert iso_utc(read_metadata_line(line, "Europe/Berlin").published) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Portuguese's "out" and "set", English words too, between a day and a year only.
        ("29 out 2024", "2024-10-29T00:00:00Z"),
        ("22.set.2024", "2024-09-22T00:00:00Z"),
        ("1 de out. de 2024, 15:00", "2024-10-01T15:00:00Z"),
        ("Sold 5 out 2024", None),
        ("I set 2024 goals", None),
    ],
)
def test_portuguese_short_months_that_are_english_words(line: str, expected: str | None) -> None:
    assert iso_utc(parse_datetime(line)) == expected


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("BBC News, London", True),
        ("Staff Writer, New York", True),
        ("Jane Doe, London", False),
        ("Reuters, Washington", False),  # an agency's byline, not a role
    ],
)
def test_a_role_line_may_say_where_its_writer_is_based(line: str, role: bool) -> None:
    from workers.parsing.meta import is_role_line

    assert is_role_line(line) is role


def _marked(body: str) -> list[str]:
    from trafilatura.utils import load_html

    from workers.parsing.htmlpage import marked_authors

    return marked_authors(load_html(f"<html><body>{body}</body></html>"))


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # WordPress's author link, in German.
        (
            '<span class="by-author">von <span class="author vcard">'
            '<a rel="author" href="/author/jr/">Jana Roth</a></span></span>',
            ["Jana Roth"],
        ),
        # The names after the last "by" of a meta line.
        (
            '<div class="page-meta--author">Posted on September 21, 2020 by Adi Tzlil</div>',
            ["Adi Tzlil"],
        ),
        (
            '<div class="dates_auteurs">par <span>Didier Roy</span>, 21 juin 2018</div>',
            ["Didier Roy"],
        ),
        # A link that says it is the author outranks an element classed so before it.
        (
            '<p class="author-note">Große Fragen Große Fragen</p>'
            '<a rel="author" href="/author/m/">Michael Veeser-Dombrowski</a>',
            ["Michael Veeser-Dombrowski"],
        ),
        # An avatar's label and the link: one name.
        ('<div class="post-author"><span>Ana Renz</span><a>Ana Renz</a></div>', ["Ana Renz"]),
        # An author box: the name on its own line, over the box's links.
        (
            '<div class="author-bio"><h3>Martin Junker</h3><p><a href="/author/m">Alles von '
            'Martin Junker</a><br><a href="#">Kontakt</a> | <a href="tel:1">Telefon</a></p></div>',
            ["Martin Junker"],
        ),
        # Readers' comments are not the byline.
        (
            '<ol class="commentlist"><li><span class="comment-author">Bob Smith</span>'
            " says:</li></ol>",
            [],
        ),
        ('<div id="comments"><b class="author fn">Karoline Herr</b></div>', []),
        # A class that is no byline.
        ('<div class="author-box">Über mich und diesen Blog, seit 2009 in Berlin</div>', []),
    ],
)
def test_an_element_the_page_marks_as_its_author_gives_the_names(
    body: str, names: list[str]
) -> None:
    assert _marked(body) == names


def test_a_twitter_cards_written_by_label_names_the_writer() -> None:
    """SEO plugins label the writer on the page's Twitter card in its language; another label
    (the reading time) names nobody."""
    from trafilatura.utils import load_html

    from workers.parsing.htmlpage import labelled_card_author

    def card(*pairs: tuple[str, str]) -> list[str]:
        metas = "".join(
            f'<meta name="twitter:label{i}" content="{label}">'
            f'<meta name="twitter:data{i}" content="{data}">'
            for i, (label, data) in enumerate(pairs, 1)
        )
        return labelled_card_author(load_html(f"<html><head>{metas}</head><body></body></html>"))

    assert card(("Verfasst von", "Karoline Herr"), ("Geschätzte Lesezeit", "9 Minuten")) == [
        "Karoline Herr"
    ]
    assert card(("Est. reading time", "9 minutes"), ("Written by", "Jane Doe")) == ["Jane Doe"]
    assert card(("Est. reading time", "9 minutes")) == []


def test_marked_authors_are_read_only_when_the_metadata_names_nobody() -> None:
    from workers.parsing.htmlpage import parse_html

    article = "".join(
        f"<p>Paragraph {i} of the story says what happened in the town hall that evening, "
        "and who said what to whom about the budget.</p>"
        for i in range(6)
    )
    byline = '<div class="article-auteurs">par Jeanne Roux</div>'  # trafilatura reads no name
    page = (
        "<html><head>{}</head><body><article><h1>A headline</h1>"
        f"{byline}{article}</article></body></html>"
    )
    assert parse_html(page.format("")).authors == ["Jeanne Roux"]
    meta = '<meta name="author" content="John Doe">'
    assert parse_html(page.format(meta)).authors == ["John Doe"]


def test_the_author_meta_tag_names_the_author_as_written_where_nothing_else_does() -> None:
    """``<meta name="author" content="admin">``, which trafilatura drops, is what the page says
    of its author: kept as written where no byline or other metadata names anyone."""
    from workers.parsing.htmlpage import parse_html

    article = "".join(
        f"<p>Paragraph {i} of the story says what happened in the town hall that evening, "
        "and who said what to whom about the budget.</p>"
        for i in range(6)
    )
    page = "<html><head>{}</head><body><article><h1>A headline</h1>{}{}</article></body></html>"
    meta = '<meta name="author" content="admin">'
    assert parse_html(page.format(meta, "", article)).authors == ["admin"]
    byline = "<p>von Alexander Rosenkranz</p>"
    assert parse_html(page.format(meta, byline, article)).authors == ["Alexander Rosenkranz"]
    assert parse_html(page.format("", "", article)).authors == []


def test_an_html_articles_last_paragraph_a_name_alone_signs_it() -> None:
    """A name alone as an HTML article's last paragraph ("Marina Mucha" in bold under a
    review) is its writer's signature, as in a clean dump, and leaves the body; a last
    paragraph that is no name, or metadata that names the writer, leaves it where it is."""
    from workers.parsing.htmlpage import parse_html

    article = "".join(
        f"<p>Paragraph {i} of the review says what the book tells of the town hall that "
        "evening, and who said what to whom about the budget.</p>"
        for i in range(6)
    )
    page = "<html><head>{}</head><body><article><h1>A headline</h1>{}{}</article></body></html>"
    signed = parse_html(page.format("", article, "<p><strong>Marina Mucha</strong></p>"))
    assert signed.authors == ["Marina Mucha"]
    assert "Marina Mucha" not in " ".join(signed.paragraphs)
    assert {"line": "Marina Mucha", "rule": "signature"} in signed.removed
    unsigned = parse_html(page.format("", article, "<p>Weitere Rezensionen</p>"))
    assert unsigned.authors == []
    assert unsigned.paragraphs[-1] == "Weitere Rezensionen"
    meta = '<meta name="author" content="John Doe">'
    named = parse_html(page.format(meta, article, "<p><strong>Marina Mucha</strong></p>"))
    assert named.authors == ["John Doe"]
    assert named.paragraphs[-1] == "Marina Mucha"


@pytest.mark.parametrize(
    ("header", "names"),
    [
        # A byline in plain elements under the headline, with nothing marking it as one.
        ('<div class="meta"><span>By</span> <a href="/p/jrs">J.R. Stone</a></div>', ["J.R. Stone"]),
        ("<p><small>Written by: Julie Mollins</small></p>", ["Julie Mollins"]),
        ("<div><div><p>von Alexander Rosenkranz</p></div></div>", ["Alexander Rosenkranz"]),
        # Names with no label on a dateline, if they start with a known given name: a
        # section's label beside a date is no writer.
        ("<div><small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small></div>", ["Uta Helkenberg"]),
        ("<div><small>04.02.2022 | Aktuelle Meldung</small></div>", []),
        # A link to the writer's page, its name after an avatar's label.
        (
            '<a href="/autoren/kathrin-fuehres-1"><span>Profil</span> '
            "<span>Kathrin Führes</span></a>",
            ["Kathrin Führes"],
        ),
        # No label, no byline; and a label inside readers' comments names no writer.
        ("<p>Julie Mollins</p>", []),
        ('<div class="comments"><p>By Bob Smith</p></div>', []),
    ],
)
def test_a_byline_printed_under_the_headline_names_the_writer(
    header: str, names: list[str]
) -> None:
    from workers.parsing.htmlpage import parse_html

    article = "".join(
        f"<p>Paragraph {i} of the story says what happened in the town hall that evening, "
        "and who said what to whom about the budget.</p>"
        for i in range(6)
    )
    page = f"<html><body><h1>A headline</h1>{header}<article>{article}</article></body></html>"
    assert parse_html(page).authors == names


def test_a_writers_link_after_the_articles_text_is_no_byline() -> None:
    """A quote box with a link to its speaker's page, past the article's first paragraphs,
    does not make the speaker the writer."""
    from workers.parsing.htmlpage import parse_html

    paragraph = (
        "<p>The foundation's work is to build a commons that anyone can use, and its programmes "
        "fund the people who build it, the lawyers and the teachers, in forty countries.</p>"
    )
    quote = '<blockquote><a href="/author/ryan/">Ryan Merkley, CEO</a></blockquote>'
    page = f"<html><body><h1>What we do</h1>{paragraph * 2}{quote}{paragraph * 3}</body></html>"
    assert parse_html(page).authors == []
    page = f"<html><body><h1>What we do</h1>{quote}{paragraph * 5}</body></html>"
    assert parse_html(page).authors == ["Ryan Merkley"]


def _dated_page(head: str, before: str, after: str) -> str:
    article = "".join(
        f"<p>Paragraph {i} of the story says what happened in the town hall that evening, "
        "and who said what to whom about the budget.</p>"
        for i in range(6)
    )
    return (
        f"<html><head><title>Budget row in the town hall</title></head><body>{head}{before}"
        f"<h1>Budget row in the town hall</h1>{after}<article>{article}</article></body></html>"
    )


def test_time_elements_that_agree_on_one_day_date_the_page() -> None:
    """``<time datetime>`` elements that all name one day give the published time; where they
    name several (related articles, comments), none of them is believed."""
    from trafilatura.utils import load_html

    from workers.parsing.htmlpage import parse_html, time_elements_day

    one = '<footer><time datetime="2022-01-25">25.01.2022</time></footer>'
    page = _dated_page("", "", "").replace("</article>", "</article>" + one)
    assert time_elements_day(load_html(page)) == datetime(2022, 1, 25, tzinfo=UTC)
    published = parse_html(page).published_at
    assert published is not None and published.date() == date(2022, 1, 25)
    other = '<aside><time datetime="2022-01-15T10:00:00Z">15.01.2022</time></aside>'
    assert time_elements_day(load_html(page.replace("</footer>", f"</footer>{other}"))) is None
    assert time_elements_day(load_html(_dated_page("", "", ""))) is None


def test_a_chinese_or_japanese_dateline_glued_to_its_words_is_read() -> None:
    """These scripts put no space between a date and the words around it ("发布时间2019年...来源"),
    where a date glued to a Latin letter is part of a word, not a date ("abc2019-11-20")."""
    line = read_metadata_line("发布时间：2020年02月14日08:00来源：新华网", "Asia/Tokyo")
    assert line.published == datetime(2020, 2, 13, 23, 0, tzinfo=UTC)
    assert read_metadata_line("更新2019-11-20 10:30").published == datetime(
        2019, 11, 20, 10, 30, tzinfo=UTC
    )
    assert read_metadata_line("Ref abc2019-11-20").published is None
    # A sentence that opens with a date is prose, not a dateline: its full stop tells (a comma
    # parts a dateline's fields too).
    from workers.parsing.meta import looks_like_metadata

    assert looks_like_metadata("2017年7月18日 10:30，来源：新华网")
    assert not looks_like_metadata("2017年7月18日，正式加盟环球音乐并在北京举行签约记者会。")


def test_a_date_printed_before_any_article_is_passed_over_for_the_next() -> None:
    """A date printed by the headline that no article can have been published on (an
    encyclopedia's birth date under its heading) is not the page's: the next printed date is
    read, here a ``<time>`` element's."""
    from workers.parsing.htmlpage import parse_html

    born = "<div><span>1975年1月28日（农历1974年腊月十七）</span></div>"
    stamped = '<footer><time datetime="2020-02-14">14.02.2020</time></footer>'
    page = _dated_page("", "", born).replace("</article>", "</article>" + stamped)
    published = parse_html(page).published_at
    assert published is not None and published.date() == date(2020, 2, 14)
    moved = page.replace("1975年1月28日", "2019年1月28日")
    assert parse_html(moved).published_at == datetime(2019, 1, 28, tzinfo=UTC)


def test_a_date_printed_beside_the_headline_is_the_published_time() -> None:
    """A page with no date in its metadata prints it by the headline, under it or over it (a
    byline over it too); a link that is only a date is the article's own. Not a link to another
    page, a writer's profile box ("Registered: ...") or a date beside a heading that is not the
    headline (a logo's ``<h1>`` over a menu that lists dates)."""
    from trafilatura.utils import load_html

    from workers.parsing.htmlpage import parse_html, printed_published

    under = parse_html(_dated_page("", "", "<div><span>5. November 2021, 10:39 Uhr</span></div>"))
    assert under.published_at == datetime(2021, 11, 5, 10, 39, tzinfo=UTC)  # no zone known: UTC
    over = parse_html(_dated_page("", "<small>04.02.2022 | Uta Helkenberg</small>", ""))
    assert over.published_at is not None and over.published_at.date() == date(2022, 2, 4)
    assert over.authors == ["Uta Helkenberg"]
    # What is read beside the headline (trafilatura may still guess a date from the text).
    title = "Budget row in the town hall"
    linked = '<p><a href="/2020/05/03/budget-row">3 May 2020</a></p>'
    assert printed_published(load_html(_dated_page("", "", linked)), title) is not None
    for after in (
        '<p><a href="/b">Bulletin of 15 April 2020</a></p>',
        "<dl><dd>Registered: 18.09.2008, 05:56</dd></dl>",
    ):
        assert printed_published(load_html(_dated_page("", "", after)), title) is None
    # The only <h1> is the site's logo, over a menu; the headline is in no heading.
    logo = "<h1>Town News</h1><ul><li>Elections of 12 May 2012</li></ul>"
    page = _dated_page(logo, "", "").replace("<h1>Budget row", '<div class="t">Budget row')
    page = page.replace("town hall</h1>", "town hall</div>")
    assert printed_published(load_html(page), title) is None
    assert printed_published(load_html(page.replace("Town News", title)), title) is not None


def test_a_byline_paragraph_under_a_subheading_names_the_writer_and_leaves_the_body() -> None:
    """The page prints its byline as a paragraph of the article, under its subheadings
    ("<h2>...</h2><h4>...</h4><p>von Klaus Stanjek</p>"): it names the writer and is no
    paragraph of the body. A paragraph that only starts with "By" stays."""
    from workers.parsing.htmlpage import parse_html

    story = "".join(
        f"<p>Paragraph {i} of the film's story says where the family's secret was kept and "
        "who kept it from the children for so many years.</p>"
        for i in range(6)
    )
    head = "<h2>Sounds of silence</h2><h4>A detective's film about music</h4>"
    byline = "<p>von <em>Klaus Stanjek</em></p>"
    page = parse_html(f"<html><body><article>{head}{byline}{story}</article></body></html>")
    assert page.authors == ["Klaus Stanjek"]
    assert not any("Stanjek" in p for p in page.paragraphs)
    sentence = "<p>By the end of the year the film had been shown in forty towns.</p>"
    page = parse_html(f"<html><body><article>{head}{sentence}{story}</article></body></html>")
    assert page.authors == []
    assert any(p.startswith("By the end") for p in page.paragraphs)


def test_a_table_in_the_article_is_kept_as_rows_of_its_cells() -> None:
    """An article's table (a layout table around its text, or a table of figures) is part of
    the body: each row is its non-empty cells joined by " | ", with no header rule and no
    empty rows."""
    from workers.parsing.htmlpage import parse_html, table_rows

    assert table_rows(["| a | b |", "|---|---|", "|  | c |  |", "|  |  |", "plain"]) == [
        "a | b",
        "c",
        "plain",
    ]
    story = "".join(
        f"<p>Paragraph {i} says how the shares of the company moved on the day the results "
        "came out, and what analysts made of them.</p>"
        for i in range(4)
    )
    table = (
        "<table><tr><th>Ticker</th><th>Last</th><th>Change</th></tr>"
        "<tr><td>HD</td><td>225.86</td><td>-5.44%</td></tr>"
        "<tr><td>LOW</td><td>113.40</td><td>-1.41%</td></tr></table>"
    )
    page = parse_html(f"<html><body><article>{story}{table}</article></body></html>")
    assert "HD | 225.86 | -5.44%" in page.paragraphs
    assert not any(set(p) <= set("|-: ") for p in page.paragraphs)


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("Interview Julia Lauter", ["Julia Lauter"]),
        ("Text; Interview Harald Willenbrock", ["Harald Willenbrock"]),
        ("Vom Krimiblogger", ["Krimiblogger"]),
        ("Artikel von hausinfo", ["hausinfo"]),
        ("Lindsey O&#039;Donnell", ["Lindsey O'Donnell"]),
        ("Redacci&oacute;n Diario Pagina Siete", ["Redacción Diario Pagina Siete"]),
        # A template's label where the name should be.
        ("Name", []),
        ("Posted", []),
        # A name that starts like a label is still a name.
        ("Textor Berg", ["Textor Berg"]),
    ],
)
def test_an_author_field_loses_the_label_a_template_copied_in(field: str, names: list[str]) -> None:
    from workers.parsing.htmlpage import metadata_authors

    assert metadata_authors(field) == names


def test_a_label_is_a_whole_word_so_other_words_spend_none_of_the_tries() -> None:
    from workers.parsing.meta import labelled_published

    lines = ["Datenschutz", "Datenschutzerklärung", "Dateline", "Dateien"]
    lines.append("Veröffentlicht am 16.08.2019")
    assert labelled_published(lines) == datetime(2019, 8, 16, tzinfo=UTC)


def test_an_html_page_without_a_published_meta_takes_the_day_it_labels_as_published() -> None:
    from workers.parsing.htmlpage import parse_html

    article = "".join(
        f"<p>Paragraph {i} of the review says what the book does well, where it falls short, "
        "and who will want to read it this winter.</p>"
        for i in range(6)
    )
    footer = (
        '<p class="footer">Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023</p>'
    )
    page = f"<html><body><article><h1>Eine Rezension</h1>{article}</article>{footer}</body></html>"
    # Not the last change's day, which trafilatura's date search gives.
    assert parse_html(page).published_at == datetime(2023, 11, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "published", "names"),
    [
        # Published and updated dates printed side by side with no space between (WordPress's
        # two <time> elements, as a text browser lays them out).
        ("19.11.202119.11.2021", "2021-11-19T00:00:00Z", []),
        ("Veröffentlicht am Dezember 29, 2021Dezember 29, 2021", "2021-12-29T00:00:00Z", []),
        ("Posted on August 2, 2019August 2, 2019 Author", "2019-08-02T00:00:00Z", []),
        ("By Jane Doe | 1. November 20231. November 2023", "2023-11-01T00:00:00Z", ["Jane Doe"]),
        ("Par Jean Dupont 20 janvier 202020 janvier 2020", "2020-01-20T00:00:00Z", ["Jean Dupont"]),
        # A year before a postcode or a suffix is no glued date.
        ("Hamburg, 2023 20231 Hamburg", None, []),
        ("Noida, 2013 201301 Noida", None, []),
        # A name glued to the month of its dateline: two elements, as a text browser lays
        # them out.
        ("Associated PressDecember 2, 2016", "2016-12-02T00:00:00Z", []),
        ("By Jane DoeMarch 12, 2024", "2024-03-12T00:00:00Z", ["Jane Doe"]),
        ("Von Anna SchmidtMärz 12, 2024", "2024-03-12T00:00:00Z", ["Anna Schmidt"]),
    ],
)
def test_a_date_glued_to_its_twin_is_read(
    line: str, published: str | None, names: list[str]
) -> None:
    found = read_metadata_line(line)
    assert (iso_utc(found.published), found.names) == (published, names)


def test_a_numeric_date_is_read_day_first_where_the_pages_language_writes_it_so() -> None:
    from workers.parsing.meta import unknown_zone

    # Italian is written in one zone: 14:05 in Rome, summer time.
    assert parse_datetime("12/10/2020 14:05", unknown_zone("it")) == datetime(
        2020, 10, 12, 12, 5, tzinfo=UTC
    )
    # Spanish is written in many: day first still, the time in UTC.
    assert parse_datetime("12/10/2020 14:05", unknown_zone("es")) == datetime(
        2020, 10, 12, 14, 5, tzinfo=UTC
    )
    # English is written both ways: the date is still not guessed; a known zone still wins.
    assert parse_datetime("12/10/2020 14:05", unknown_zone("en")) is None
    assert parse_datetime("12/10/2020 14:05", unknown_zone(None)) is None
    assert iso_utc(parse_datetime("12/10/2020 9:00", "America/New_York")) == "2020-12-10T14:00:00Z"
    # A day with no time is that day, in whatever zone it was printed.
    assert iso_utc(parse_datetime("12/10/2020", "America/New_York")) == "2020-12-10T00:00:00Z"
    assert iso_utc(parse_datetime("12.10.2020", "Europe/Berlin")) == "2020-10-12T00:00:00Z"


_SHORT_GERMAN = [
    "Stadtrat beschließt den Haushalt nach einer langen Nacht",
    "Von Anna Schmidt",
    "{date}",
    "Der Stadtrat hat in der Nacht den Haushalt der Stadt für das kommende Jahr beschlossen, "
    "nachdem die Mehrheit und die Opposition mehr als sechs Stunden darüber gestritten hatten.",
    "Die Opposition kritisierte eine Erhöhung der Grundsteuer, die sie für ungerecht hält, "
    "während der Bürgermeister die Investitionen in die Schulen verteidigte.",
    "Die Abstimmung fand kurz nach Mitternacht statt, und die Sitzung endete ruhig.",
]


@pytest.mark.parametrize(
    ("date", "published"),
    [
        # Berlin's half past midnight is 23:30 UTC the day before.
        ("05.11.2023, 00:30", "2023-11-04T23:30:00Z"),
        # Slashes, which English writes both ways: German writes the day first.
        ("12/10/2020 14:00", "2020-10-12T12:00:00Z"),
    ],
)
def test_a_short_clean_dumps_language_gives_its_zone_and_date_order(
    date: str, published: str
) -> None:
    """A dump too short to be read as a whole page still has its language read from its
    paragraphs, for the zone and the day-first order of the dates in its header."""
    from workers.parsing.textdump import WHOLE_PAGE_LINES, parse_text

    assert len(_SHORT_GERMAN) < WHOLE_PAGE_LINES
    page = parse_text("\n\n".join(_SHORT_GERMAN).format(date=date))
    assert page.authors == ["Anna Schmidt"]
    assert iso_utc(page.published_at) == published


def test_a_dump_of_a_few_words_gets_no_language_guessed() -> None:
    """Three short lines are too little for a language: an ambiguous date stays unread."""
    from workers.parsing.textdump import parse_text

    page = parse_text("Haushalt beschlossen\n\n12/10/2020 14:00\n\nDer Stadtrat stimmte zu.")
    assert page.published_at is None


def test_a_header_labelled_in_a_language_of_one_zone_is_read_in_that_zone() -> None:
    """A dateline labelled in Finnish or Swedish over an English text is Helsinki's or
    Stockholm's time; "kl." and "klo" before the time are the word for o'clock."""
    from workers.parsing.meta import label_language, unknown_zone

    assert unknown_zone(None, ["By Jane Doe", "Julkaistu 9.3.2024 00:02"]) == "Europe/Helsinki"
    assert unknown_zone("en", ["Publicerad 23 februari 2024 kl. 00.38"]) == "Europe/Stockholm"
    assert label_language("Published 9 March 2024") is None
    found = read_metadata_line("Publicerad 23 februari 2024 kl. 00.38", "Europe/Stockholm")
    assert iso_utc(found.published) == "2024-02-22T23:38:00Z"
    found = read_metadata_line("Julkaistu 9.3.2024 klo 00.02", "Europe/Helsinki")
    assert iso_utc(found.published) == "2024-03-08T22:02:00Z"


def test_a_dated_line_that_names_a_city_is_read_in_the_citys_zone() -> None:
    """A dateline with its city as a part of its own, on a page whose zone nothing else
    tells; a city named on a line with no date says nothing of the time."""
    from workers.parsing.meta import unknown_zone

    line = "Jane Doe | Ciudad de México | 12/03/2024 23:05 h"
    assert unknown_zone(None, [line]) == "America/Mexico_City"
    assert unknown_zone("en", ["LONDON, March 12, 2024 23:05"]) == "Europe/London"
    assert unknown_zone(None, ["Jane Doe | Reading", "Harbour bridge reopens"]) == "UTC"
    assert iso_utc(parse_datetime("12/03/2024 23:05 h", unknown_zone(None, [line]))) == (
        "2024-03-13T05:05:00Z"
    )


def test_romanian_and_hungarian_dates_are_read() -> None:
    assert iso_utc(parse_datetime("12 martie 2024, 14:05", "Europe/Bucharest")) == (
        "2024-03-12T12:05:00Z"
    )
    found = read_metadata_line("Szerző | 2024. március 12. 14:05", "Europe/Budapest")
    assert iso_utc(found.published) == "2024-03-12T13:05:00Z"


def test_austrian_months_are_read() -> None:
    assert iso_utc(parse_datetime("12. Jänner 2024, 14:05", "Europe/Vienna")) == (
        "2024-01-12T13:05:00Z"
    )
    found = read_metadata_line("Von Anna Huber, 3. Feber 2024", "Europe/Vienna")
    assert (iso_utc(found.published), found.names) == ("2024-02-03T00:00:00Z", ["Anna Huber"])


def test_a_credit_in_brackets_under_a_clean_dump_names_its_writer() -> None:
    """ "(Japanese original by Jane Doe, City News Department)" as the last line; a picture's
    credit in brackets names no writer."""
    from workers.parsing.textdump import parse_text

    credit = "(Japanese original by Jane Doe, City News Department)"
    page = parse_text("\n\n".join([HEADLINE, "March 12, 2024", *CLEAN_BODY, credit]))
    assert (page.authors, page.paragraphs) == (["Jane Doe"], CLEAN_BODY)
    page = parse_text("\n\n".join([HEADLINE, "March 12, 2024", *CLEAN_BODY, "(Photo by Jane Doe)"]))
    assert page.authors == []


@pytest.mark.parametrize(
    ("paragraph", "published"),
    [
        # A dateline run into the first paragraph, up to a separator or a time's "Uhr".
        ("Pressemitteilung vom 25. Januar 2022 | Berlin – Die Zusammenarbeit stand im Mittelpunkt.",
         "2022-01-25T00:00:00Z"),
        ("19.10.2019, 15:30 Uhr Am 8. Spieltag treffen Dortmund und Gladbach aufeinander.",
         "2019-10-19T13:30:00Z"),
        # ...with no space after it where a browser's innerText ran the two elements together,
        # but not a word that starts with it.
        ("19.10.2019, 15:30 UhrAm 8. Spieltag treffen Dortmund und Gladbach aufeinander.",
         "2019-10-19T13:30:00Z"),
        ("19.10.2019, 15:30 Uhrzeit und Ort stehen fest, sagte der Verein am Montag.", None),
        ("BERLIN, 12. März 2024 - Die Regierung hat beschlossen, den Haushalt zu kürzen.",
         "2024-03-12T00:00:00Z"),
        # A date inside the paragraph's first sentence is the event's, not the page's.
        ("On 12 March 2024, the council voted - and the mayor resigned the next day.", None),
        ("Berlin – Die Regierung hat am 12. März 2024 beschlossen, den Haushalt zu kürzen.", None),
    ],
)  # fmt: skip
def test_a_dateline_run_into_the_first_paragraph_is_read(
    paragraph: str, published: str | None
) -> None:
    from workers.parsing.meta import opening_date

    assert iso_utc(opening_date(paragraph, "Europe/Berlin")) == published


@pytest.mark.parametrize(
    "header",
    [
        [f"Opinion | {HEADLINE}", "By Jane Doe", "March 12, 2024"],
        ["Opinion | Jane Doe", HEADLINE, "March 12, 2024"],
        [HEADLINE, "Opinion | Jane Doe", "March 12, 2024"],
    ],
)
def test_an_opinion_sections_bar_is_neither_title_nor_chrome(header: list[str]) -> None:
    """ "Opinion | ..." before the headline or the writer's name: the section, taken off;
    the line is no breadcrumb to drop whole."""
    from workers.parsing.textdump import parse_text

    page = parse_text("\n\n".join([*header, *CLEAN_BODY]))
    assert (page.title, page.authors, page.paragraphs) == (HEADLINE, ["Jane Doe"], CLEAN_BODY)
    assert iso_utc(page.published_at) == "2024-03-12T00:00:00Z"


def test_the_pages_title_line_over_its_headline_is_not_the_title() -> None:
    """A dump that starts with the page's title (the headline and the site's name) over the
    headline itself; a headline over a shorter line is left alone."""
    from workers.parsing.textdump import parse_text

    for first in (f"{HEADLINE} | The Harbour Times", f"The Harbour Times - {HEADLINE}"):
        page = parse_text("\n\n".join([first, HEADLINE, "By Jane Doe", *CLEAN_BODY]))
        assert (page.title, page.authors) == (HEADLINE, ["Jane Doe"]), first
        assert page.paragraphs == CLEAN_BODY
    page = parse_text("\n\n".join([f"{HEADLINE} tonight", HEADLINE, *CLEAN_BODY]))
    assert page.title == f"{HEADLINE} tonight"


def test_a_dotted_date_spaced_as_german_typesetting_spaces_it_is_read() -> None:
    """A dotted date spaced out ("13. 1. 2020") is 13 January 2020, alone or on a byline's
    line; a numbered list's items ("1. 2. 3.") and a version ("2. 5. 20201") are no date."""
    assert iso_utc(parse_datetime("13. 1. 2020", "Europe/Berlin")) == "2020-01-13T00:00:00Z"
    found = read_metadata_line("Von Ingo Arzt, 13. 1. 2020", "Europe/Berlin")
    assert (iso_utc(found.published), found.names) == ("2020-01-13T00:00:00Z", ["Ingo Arzt"])
    assert iso_utc(parse_datetime("18. 05. 2014 um 10:00", "Europe/Berlin")) == (
        "2014-05-18T08:00:00Z"
    )
    assert parse_datetime("1. 2. 3.", "Europe/Berlin") is None
    assert parse_datetime("2. 5. 20201", "Europe/Berlin") is None


@pytest.mark.parametrize(
    ("lang", "labelled"), [("de-DE", True), ("de", True), ("en-US", False), ("", False)]
)
def test_an_html_pages_declared_language_says_which_way_its_numeric_dates_go(
    lang: str, labelled: bool
) -> None:
    from workers.parsing.htmlpage import parse_html

    article = "".join(
        f"<p>Absatz {i}: Der Gemeinderat hat den Haushalt nach einer langen Debatte über die "
        "Schulen und den Nahverkehr der Stadt beschlossen.</p>"
        for i in range(6)
    )
    footer = (
        '<p class="footer">Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01/11/2023</p>'
    )
    page = (
        f'<html lang="{lang}"><body><article><h1>Der Haushalt steht</h1>{article}</article>'
        f"{footer}</body></html>"
    )
    # Day first in a German page: the day it labels as published. Elsewhere "01/11/2023" is
    # not guessed, and the date is trafilatura's (the last change's).
    published = parse_html(page).published_at
    assert (published == datetime(2023, 11, 1, tzinfo=UTC)) is labelled


@pytest.mark.parametrize(
    ("line", "names", "day"),
    [
        # A surname's initial keeps its full stop and stays in the name.
        ("Par Nicolas Gutierrez C. le 14.09.2020 à 11h46", ["Nicolas Gutierrez C."], "2020-09-14"),
        ("By Ariel H.", ["Ariel H."], None),
        ("By Jane Doe.", ["Jane Doe"], None),
        # A name glued to the date after it, as two elements with no space between.
        ("Nicole Collignon22. Februar 2020", ["Nicole Collignon"], "2020-02-22"),
        (
            "von Nadja Demel13.12.2022 - 08:13 Uhr13.12.2022 - 08:13 Uhr",
            ["Nadja Demel"],
            "2022-12-13",
        ),
        # A time's "Uhr" and a count of comments beside a dateline's names are no names.
        ("19.6.2007 9:40 Uhr Christoph Becker 71 Kommentare", ["Christoph Becker"], "2007-06-19"),
        ("By Jane Doe | 3 comments", ["Jane Doe"], None),
        # ...nor a blog's prompt for comments.
        (
            "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar",
            ["Ulrike Stockhausen"],
            "2019-09-26",
        ),
        ("March 3, 2019 Jane Doe Leave a comment", ["Jane Doe"], "2019-03-03"),
        # A label glued to the name after it, as a browser's innerText runs them together;
        # a word that only starts like one stays whole.
        ("ByJ.R. Stone", ["J.R. Stone"], None),
        ("PorRodolfo Costa 12.03.2024", ["Rodolfo Costa"], "2024-03-12"),
        ("Byron Smith", ["Byron Smith"], None),
    ],
)
def test_a_byline_with_an_initial_or_a_glued_date_gives_the_names(
    line: str, names: list[str], day: str | None
) -> None:
    found = read_metadata_line(line, bare_names=True)
    assert found.names == names
    assert (found.published.date().isoformat() if found.published else None) == day


def test_a_line_that_labels_the_author_gives_the_names_and_the_time_beside_them() -> None:
    from workers.parsing.meta import labelled_byline

    lines = ["Share this post", "By the way, it rained", "Posted by T. V. Raman at 2:33 PM"]
    found = labelled_byline(lines)
    assert found is not None and (found.names, found.published) == (["T. V. Raman"], None)
    found = labelled_byline(["Gespeichert von rasos am 24. Juli 2017 - 18:55"])
    assert found is not None and found.names == ["rasos"]
    assert found.published == datetime(2017, 7, 24, 18, 55, tzinfo=UTC)
    found = labelled_byline(["Geschrieben vonElisa Marvena"])  # glued by a browser's innerText
    assert found is not None and found.names == ["Elisa Marvena"]
    # A bare "By" is no label away from the headline: teasers and comments print it too.
    assert labelled_byline(["By Jane Doe", "Comments"]) is None
    # The post's taxonomy after its byline, on the same line.
    tagged = "Posted by Günter W. Kienitz at 18:52 Tagged with: Bildung , Eltern , Schule , Lernen"
    found = labelled_byline([tagged])
    assert found is not None and found.names == ["Günter W. Kienitz"]
    # ...however many tags run the line on: its start is read.
    found = labelled_byline([tagged + " , Musik , Talent" * 12])
    assert found is not None and found.names == ["Günter W. Kienitz"]
    # A blog platform's footer in German and Dutch; the profile it cannot name is no one.
    found = labelled_byline(["Eingestellt von Weinlachgummi um 10:52"])
    assert found is not None and found.names == ["Weinlachgummi"]
    found = labelled_byline(["Geplaatst door Jan de Vries om 10:52"])
    assert found is not None and found.names == ["Jan de Vries"]
    assert labelled_byline(["Eingestellt von Unknown um 21:07"]) is None


def test_a_plural_author_label_with_its_colon_names_every_author() -> None:
    """A plural label ("Autoren: ...") labels names as a singular one does; alone on its line a
    plural is a sidebar's heading over a list of writers' pages, and names no one."""
    from workers.parsing.meta import labelled_byline

    found = labelled_byline(["Autoren: Joachim Hamberger und Anna Roth"])
    assert found is not None and found.names == ["Joachim Hamberger", "Anna Roth"]
    found = labelled_byline(["Authors: Jane Doe, John Roe"])
    assert found is not None and found.names == ["Jane Doe", "John Roe"]
    assert labelled_byline(["Autoren", "* Neil Gaiman's Journal", "Unerhört!"]) is None
    # Every form of the label, singular and plural, in the languages of the dates.
    for label in ("Autor", "Autora", "Autore", "Autorin", "Autores", "Autori", "Autorinnen"):
        assert byline_names(f"{label}: Anna Roth und Eva Lang") == ["Anna Roth", "Eva Lang"], label


def test_an_author_boxs_heading_names_the_writer_on_the_line_under_it() -> None:
    """An author box's heading ("Über den Autor") over a line of names labels them, as "About
    the author" does, in the languages of the dates; a sentence under it names no one."""
    from workers.parsing.meta import labelled_byline

    for heading, name in [
        ("Über den Autor", "Jossi Loibl"),
        ("Über die Autorin", "Anna Roth"),
        ("À propos de l'auteur", "Marie Dupont"),
        ("Sobre el autor", "Juan Pérez"),
    ]:
        found = labelled_byline(["Facebook Twitter", heading, name, f"{name} schreibt seit 1990."])
        assert found is not None and found.names == [name], heading
    assert (
        labelled_byline(["Über den Autor", "Hej! 👋 Ich bin Christoph, Angler und Autor."]) is None
    )


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Ulrike Stockhausen", True),
        ("JANE DOE", True),  # case does not matter
        ("J.R. Stone", True),  # initials
        ("T. V. Raman", True),
        ("Дмитрий Иванов", True),  # any script Faker's providers cover
        ("Nuño Domínguez", True),  # accents aside: Portuguese "Nuno"
        ("Digital Life", False),
        ("Biologische Vielfalt", False),
        ("", False),
    ],
)
def test_known_given_names(name: str, known: bool) -> None:
    from workers.parsing.meta import known_given_name

    assert known_given_name(name) is known


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("(c) Johannes Wolf • Weitere Rechte siehe Impressum", ["Johannes Wolf"]),
        ("Copyright © 2019 Jane Doe. All rights reserved.", ["Jane Doe"]),
        ("© 2010-2020 Mark Smith | Impressum", ["Mark Smith"]),
        # A company, a site, a paper: no one's name.
        ("© 2023 The Washington Post", []),
        ("© 2020 Springer Nature Limited", []),
        ("© Hildesheimer Presse", []),
        ("Copyright 2024 Digital Life Media", []),
        ("© 2022 Paul Parey Zeitschriftenverlag GmbH - DJZ", []),
        # A photo's credit: with its agency, or in its caption.
        ("© Matthias Hangst/Getty Images", []),
        ("Braunkohlekraftwerk © Ruth Röder / Clipdealer", []),
        ("Lara Croft in Tomb Raider (c) Jane Doe", []),
    ],
)
def test_a_copyright_line_names_a_person_only_when_it_holds_a_persons_name(
    line: str, names: list[str]
) -> None:
    from workers.parsing.meta import copyright_person

    assert copyright_person(["Home", "Impressum", line]) == names


def test_a_personal_sites_copyright_names_its_writer_where_nothing_else_does() -> None:
    from workers.parsing.htmlpage import parse_html

    story = "".join(
        f"<p>Paragraph {i} of the post says how the garden changed over the winter and what "
        "the writer planted when the frost was over.</p>"
        for i in range(6)
    )
    footer = '<footer><p class="copyrights-text">(c) Johannes Wolf • Weitere Rechte</p></footer>'
    head = "<h1>The garden in spring</h1>"
    page = f"<html><body>{head}<article>{story}</article>{footer}</body></html>"
    assert parse_html(page).authors == ["Johannes Wolf"]
    byline = "<p>By Jane Doe</p>"
    page = page.replace("<article>", f"<article>{byline}")
    assert parse_html(page).authors == ["Jane Doe"]


def test_a_copyright_line_above_the_pages_footer_is_a_captions_credit() -> None:
    from workers.parsing.meta import FOOTER_LINES, copyright_person

    credit = "© Stefan Wermuth"
    assert copyright_person(["Home", credit, "The story goes on."]) == ["Stefan Wermuth"]
    story = [f"Paragraph {i} of the story." for i in range(FOOTER_LINES)]
    assert copyright_person(["Home", credit, *story]) == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Alles von Martin Junker", ["Martin Junker"]),
        ("Alle Artikel von Tanja Karrasch", ["Tanja Karrasch"]),
        ("Mehr von Michael Rädel lesen", ["Michael Rädel"]),
        ("mehr von Daniel Weinmann auf reitschuster.de", ["Daniel Weinmann"]),
        ("* More from Matthew Humphries", ["Matthew Humphries"]),
        ("View all posts by Jane Doe", ["Jane Doe"]),
        ("More From WIRED", []),  # a site
        ("More from The Guardian", []),
        ("Mehr von uns", []),
        ("More from Earth Sciences", []),  # a section
    ],
)
def test_a_link_to_more_of_a_writers_work_names_them(line: str, names: list[str]) -> None:
    from workers.parsing.meta import more_by_names

    assert more_by_names(line) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Frank Boës", ["Frank Boës"]),
        ("- Nadja Podbregar", ["Nadja Podbregar"]),
        ("Von Cosima Künzel", ["Cosima Künzel"]),
        ("By Jane Doe", ["Jane Doe"]),
        ("Leia Mais", []),  # "read more", in Portuguese
        ("* Boris Johnson", []),  # a tag list's item
        ("Weitere Beiträge", []),
        ("Digital Life", []),  # no known given name
        ("Jane Doe, Reporterin und Fotografin aus Bonn", []),
    ],
)
def test_a_name_alone_under_an_article_signs_it(line: str, names: list[str]) -> None:
    from workers.parsing.meta import signature_names
    from workers.parsing.wholepage import stopwords_of

    assert signature_names(line, stopwords_of("pt") | stopwords_of("de")) == names


def test_a_dateline_whose_buttons_say_their_labels_twice_still_gives_its_date() -> None:
    """w3m prints a button's icon text and its label ("Email this post Email this post"), and
    some themes separate with a dot operator ("⋅"): the line is still a dateline, not prose.
    A widget's credit said twice ("by Taboola by Taboola") names no one."""
    line = "⋅ November 22, 2011 ⋅ Email this post Email this post ⋅ Print this page Print this page"
    assert str(read_metadata_line(line).published) == "2011-11-22 00:00:00+00:00"
    assert read_metadata_line("by Taboola by Taboola").names == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("28. Januar 2015 karstenruppert Schreibe einen Kommentar", ["karstenruppert"]),
        ("March 3, 2020 jdoe 4 Comments", ["jdoe"]),
        ("March 3, 2020 jdoe", []),  # no comment link: no entry line to vouch for it
        ("March 3, 2020 Politics 4 Comments", []),  # a capitalised word: the category
        ("March 3, 2020 admin Leave a comment", []),  # the site's account is no one's
    ],
)
def test_a_blog_entry_line_names_the_account_between_its_date_and_comment_link(
    line: str, names: list[str]
) -> None:
    assert read_metadata_line(line).names == names


def test_separators_are_no_words_of_a_metadata_line_but_its_dates_are() -> None:
    """A header line cut into parts by slashes is as short as its words, not its slashes; a
    sentence that mentions a date still counts the date among its words, and is no dateline."""
    header = "Gunter Frank / 22.04.2020 / 06:15 / Foto: Achgut.com / ●150 / Seite ausdrucken"
    meta = read_metadata_line(header, bare_names=True)
    assert (meta.names, iso_utc(meta.published)) == (["Gunter Frank"], "2020-04-22T00:00:00Z")
    sentence = (
        "Ticket prices across the whole network rise from 1 January 2024 on average 12.7 percent"
    )
    assert read_metadata_line(sentence).published is None


def test_a_spanish_date_with_del_before_its_year_is_a_dateline() -> None:
    """Latin American Spanish writes "7 de mayo del 2022": the date is read on a metadata
    line, beside its byline and time."""
    meta = read_metadata_line("Por Ana Ruiz | 7 de mayo del 2022, 13:43", "America/Lima")
    assert (meta.names, iso_utc(meta.published)) == (["Ana Ruiz"], "2022-05-07T18:43:00Z")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        # A handle glued to the name, as a text browser joins two elements; not an e-mail's.
        ("By Eric Levitz@EricLevitz", ["Eric Levitz"]),
        ("By Jane Doe jane@example.com", ["Jane Doe"]),
        # With no "By", no name starts with an article or a button's word.
        ("Das Lexikon.", []),
        ("More Videos ...", []),
        ("Harriet Agerholm", ["Harriet Agerholm"]),
        ("By The Associated Press", ["The Associated Press"]),
        # A possessive makes a page of the writer's, not the writer.
        ("Patrick Allan’s Discussions", []),
        ("Jane O’Neil", ["Jane O’Neil"]),
    ],
)
def test_what_starts_and_ends_a_bylines_name(line: str, names: list[str]) -> None:
    assert byline_names(line) == names


def test_each_page_reads_its_dates_afresh() -> None:
    """A date read is kept for the rest of its page only: a page parsed again costs what it
    cost the first time (benchmarks parse the same pages in rounds)."""
    from workers.parsing import meta
    from workers.parsing.article import parse_message
    from workers.settings import Settings

    dated = b"A headline\n\nBy Jane Doe\n12 March 2024 10:30 GMT\n\nThe body's only paragraph here."
    undated = b"Another headline\n\nThe body's only paragraph, which names no day at all."
    parse_message(dated, "raw:0:0", "2024-03-12T10:30:00.000000Z", Settings())
    assert meta._read_date.cache_info().currsize > 0
    parse_message(undated, "raw:0:1", "2024-03-12T10:30:00.000000Z", Settings())
    assert meta._read_date.cache_info().currsize == 0


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Reuters | 04.05.2015 | By John Smith", ["John Smith"]),
        ("The Daily Post • 4 May 2015 • Von Anna Müller", ["Anna Müller"]),
        ("John Smith | Reuters | 4 May 2015", ["John Smith"]),
    ],
)
def test_a_labelled_byline_beats_a_bare_name_on_its_line(line: str, names: list[str]) -> None:
    assert read_metadata_line(line, "UTC", bare_names=True).names == names

import pytest

from workers.parsing.meta import byline_names, iso_utc, parse_datetime


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Monday 03 September 2018 00:37 BST", "2018-09-02T23:37:00Z"),
        ("Updated: Tuesday 4 September 2018 10:12 BST", "2018-09-04T09:12:00Z"),
        ("12 January 2019 09:30 GMT", "2019-01-12T09:30:00Z"),
        ("Published 12 March 2021, 14:05 EST", "2021-03-12T19:05:00Z"),
        ("2019-03-14T08:00:00-05:00", "2019-03-14T13:00:00Z"),
        ("March 3, 2020 at 6:15 p.m. EST", "2020-03-03T23:15:00Z"),
        ("He said on 3 March 2018 that it was fine", None),
        ("Comments come as 440 extra British troops arrive", None),
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
        ("By Eleanor Whitfield, Local Democracy Reporter", ["Eleanor Whitfield"]),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"]),
        ("AP Auto Writer", []),
        # A byline that names an agency or a desk and no person gives the agency.
        ("By Reuters", ["Reuters"]),
        ("By The Associated Press", ["The Associated Press"]),
        ("By HNN Staff", ["HNN Staff"]),
        ("Reuters", []),  # no "By": a dateline or a credit, not a byline
        ("By Tuesday, the council had voted", []),
    ],
)
def test_bylines_give_names_only(line: str, names: list[str]) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("Jane Doe; Reuters", ["Jane Doe"]),  # a person and an agency: the person
        ("Reuters", ["Reuters"]),  # an agency alone is the byline
        ("HNN Staff", ["HNN Staff"]),
        ("TOM KRISHER; AP Auto Writer", ["Tom Krisher"]),
        ("Tom Krisher; Ap Auto Writer", ["Tom Krisher"]),
        ("The Independent", []),  # a known masthead is the site, not an author
        (None, []),
    ],
)
def test_html_metadata_authors_prefer_people_and_keep_a_lone_agency(
    author: str | None, names: list[str]
) -> None:
    from workers.parsing.htmlpage import metadata_authors

    assert metadata_authors(author) == names

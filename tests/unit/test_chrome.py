import pytest

from workers.parsing.chrome import rule_for, split_chrome, split_glued


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Join our commenting forum", "comments_prompt"),
        (
            "Join thought-provoking conversations, follow other Independent readers and see their "
            "replies",
            "comments_prompt",
        ),
        ("Thank you for registering", "sign_in_prompt"),
        ("Please refresh your browser to be logged in", "sign_in_prompt"),
        ("Sign up to our free morning newsletter", "newsletter_prompt"),
        ("We use cookies to improve your experience. Accept all", "cookie_prompt"),
        ("Share on Facebook | Twitter | WhatsApp", "share_buttons"),
        ("Read more: Ministers face revolt over rail fares", "read_more"),
        ("Explore further", "read_more"),
        ("Link kopieren", "share_buttons"),
        ("Externer Inhalt", "cookie_prompt"),
        ("Empfohlener redaktioneller Inhalt", "cookie_prompt"),
        ("Advertisement", "advertisement"),
        ("Troops patrol a street in Kabul (Getty Images)", "caption_or_credit"),
        ("Image caption: Firefighters at the scene", "caption_or_credit"),
        ("Pictures: John Roe", "caption_or_credit"),
        ("Image caption, Firefighters at the scene", "caption_or_credit"),
        ("Save", "share_buttons"),
        ("Share full article", "share_buttons"),
        ("Gift this article", "share_buttons"),
        ("Listen · 5:03 min", "page_furniture"),
        ("Opinions expressed by Harbour Times contributors are their own.", "page_furniture"),
        ("The views expressed here are those of the author.", "page_furniture"),
        ("© 2024 Northgate Courier Ltd", "copyright"),
        ("Topics: Politics, Defence", "page_furniture"),
        ("4 min read", "page_furniture"),
        ("Skip to main content", "page_furniture"),
        ("Toggle navigation", "page_furniture"),
        ("Main menu", "page_furniture"),
        # Skip links in the languages of the stopwords, alone and in a row.
        ("Skip to content [Accesskey '1']", "skip_link"),
        ("Springe zum Inhalt", "skip_link"),
        ("Zum Inhalt springen Zur Hauptnavigation springen Zur Fußzeile springen", "skip_link"),
        ("Wechseln zu: Navigation, Suche", "skip_link"),
        ("Aller au contenu principal", "skip_link"),
        ("Saltar al contenido", "skip_link"),
        ("Przejdź do treści", "skip_link"),
        # Prompts, credits and lists in the languages of the stopwords.
        ("Sie sind aktuell nicht eingeloggt.", "sign_in_prompt"),
        (
            "Receive our monthly newsletter to stay on top of the latest articles",
            "newsletter_prompt",
        ),
        (
            "Get The Times of Israel's Daily Edition by email and never miss our top stories "
            "Free Sign Up",
            "newsletter_prompt",
        ),
        (
            "Missing out on the latest developments? Enter your email below to receive them.",
            "newsletter_prompt",
        ),
        (
            "Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.",
            "cookie_prompt",
        ),
        ("Photograph by Ed Marshall, Redonda Restoration Programme", "caption_or_credit"),
        ("Photo by ev on Unsplash", "caption_or_credit"),
        ("Harbour Times > Local > Politics", "page_furniture"),  # any site's breadcrumb
        # A caption's sentences, then its credit.
        ("Crowds in the square on Tuesday. Photograph: Jane Roe/The Times", "caption_or_credit"),
        ("Die Halle am Dienstag. Der Bau begann 2019. Foto: Jane Roe/dpa", "caption_or_credit"),
        ("(Foto: DBT/Stella von Saldern (bearbeitet durch spdfraktion.de))", "caption_or_credit"),
        # ...or with no full stop before its credit, which is capitalised
        (
            "A hunter killed and ate a rabbit in the mountains Credit: Getty - Contributor",
            "caption_or_credit",
        ),
        (
            "Der Toast-Test zeigt, in der Mitte ist die Hitze am größten Foto: CHIP",
            "caption_or_credit",
        ),
        ("Czytaj też: Wyścig zbrojeń ruszył z kopyta", "read_more"),
        ("Veja Também:", "read_more"),
        # a blog's comment form
        ("Kommentar absenden Antworten abbrechen", "comments_prompt"),
        (
            "You are commenting using your WordPress.com account. ( Log Out / Change )",
            "comments_prompt",
        ),
        (
            "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind markiert",
            "comments_prompt",
        ),
        ("Notify me of new comments via email.", "comments_prompt"),
        ("Gefällt mir Wird geladen …", "comments_prompt"),
        ("También: ( Candidatos presidenciales rezagados)", "read_more"),
        # a row of the site's own profiles
        ("Youtube Twitter Facebook", "share_buttons"),
        ("Like Us Follow Us", "share_buttons"),
        ("TEMAS RELACIONADOS", "read_more"),
        ("Die meistgelesenen Artikel bei SWR.de/Sport", "read_more"),
        ("Ihr Warenkorb ist leer", "page_furniture"),
        (
            "Diese Webseite verwendet Cookies. Indem Sie weiter die Seite besuchen, stimmen Sie "
            "der Verwendung von Cookies zu.",
            "cookie_prompt",
        ),
        (
            "This site is protected by reCAPTCHA and the Google Privacy Policy apply.",
            "cookie_prompt",
        ),
        ("Abonnieren Sie kostenlos die MEEDIA-Newsletter", "newsletter_prompt"),
        ("Sign up for SFGATE Newsletters", "newsletter_prompt"),
        ("Stay up to date with Ascom. Subscribe to our newsletter.", "newsletter_prompt"),
        (
            "Need more space? Subscribe to our sister title for the latest news!",
            "newsletter_prompt",
        ),
        (
            "No spam, we promise. You can unsubscribe at any time and we'll never share your "
            "details without your permission.",
            "newsletter_prompt",
        ),
        ("No comments yet Comment from the forums", "comments_prompt"),
        ("Tous nos derniers podcasts dans votre boîte mail.", "newsletter_prompt"),
        ("Vos réactions (11)", "comments_prompt"),
        ("12 Kommentare", "comments_prompt"),
        ("Teilen mit:", "share_buttons"),
        ("Le puede interesar: JEP abrirá tres nuevos macrocasos", "read_more"),
        ("Weiter Nächster Beitrag: Im September: Lizenztextlesung", "read_more"),
        ("Jump to RecipePrint Recipe", "page_furniture"),
        (
            "Das Hermelin ist im Winter gut getarnt. (mlharing / iStock.com)",
            "caption_or_credit",
        ),
        (
            "Cyber-Attacken nehmen weiter zu. – © Sergey Nivens – stock.adobe.com",
            "caption_or_credit",
        ),
        # A list's heading, a print button, a follow prompt, the footer's links.
        ("More Videos ...", "read_more"),
        ("MORE STORIES LIKE THIS ONE", "read_more"),
        ("Most read in world news", "read_more"),
        ("More on Slate Book Review", "read_more"),
        ("Related coverage from How to Do Everything: Money:", "read_more"),
        ("Print This Article Share it With Friends", "share_buttons"),
        ("Follow the topics within this article", "share_buttons"),
        ("Terms of Service Privacy Notice", "page_furniture"),
        ("This slideshow requires JavaScript.", "page_furniture"),
        ("Copy link to cartoon", "share_buttons"),
        ("Link copied", "share_buttons"),
        ("You are signed in as", "sign_in_prompt"),
        ("Wait 1 second to continue.", "advertisement"),
        ("Your video will play in 00:25", "advertisement"),
        ("In this article: av, consoles, gadgets, gaming", "page_furniture"),
        (
            "Except where otherwise noted, content on this site is licensed under a Creative "
            "Commons Attribution 4.0 International license.",
            "copyright",
        ),
        (
            "Many people don't invest because it seems overly complicated. But if you want to "
            "build wealth, … Read more Read more",
            "read_more",
        ),
        ("← Previous: Chasing Quick Fixes To Sustainability", "read_more"),
        ("← Previous story Next story →", "read_more"),
        ("Up Next: Governments suck at social media, but you deserve some blame", "read_more"),
        ("Check out more articles on BuzzFeed.com!", "read_more"),
        ("Copy", "share_buttons"),
        ("Reviewed by Hansa D. Bhargava, MD on March 05, 2014", "caption_or_credit"),
        ("Medically reviewed by Kaitlynn Fortunato Greenberg, RD, LD", "caption_or_credit"),
        ("Roman Prymula, photo: Archives du Gouvernement tchèque", "caption_or_credit"),
        ("Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO", "caption_or_credit"),
        (
            "In Gottesdiensten gilt FFP2-Maskenpflicht. Foto: ccnull/cc by sa 2.0",
            "caption_or_credit",
        ),
        ("Zum Vergrößern auf das Bild klicken. CC-BY-SA 2.0", "caption_or_credit"),
        ("Dans la même rubrique", "read_more"),
        ("Más sobre La Tercera AM", "read_more"),
        ("Wer die Äste auf die Wege zieht, ist unklar (Symbolbild).", "caption_or_credit"),
        ("Teilen Sie dies mit:", "share_buttons"),
        ("Kommentare schreiben", "comments_prompt"),
        ("You are here:", "page_furniture"),
        ("Vous êtes ici :", "page_furniture"),
        # A request for money, and a disclosure of affiliate links.
        ("We rely on your support to make local news available to all", "newsletter_prompt"),
        ("Je fais un don à Attac", "newsletter_prompt"),
        ("Unterstützen Sie uns!", "newsletter_prompt"),
        (
            "This post contains references to products from one or more of our advertisers. We "
            "may receive compensation when you click on links to those products. Terms apply "
            "to the offers listed on this page and the site's editorial content is its own.",
            "disclosure",
        ),
        # A newsletter form's notes.
        ("Want more deals? Join the IGN Deals Newsletter.", "newsletter_prompt"),
        ("Get Quanta Magazine delivered to your inbox", "newsletter_prompt"),
        ("Thanks for signing up!", "newsletter_prompt"),
        ("Keep an eye on your inbox for the latest sports news.", "newsletter_prompt"),
        # A picture's credit alone, and a caption's after a pipe.
        ("(Image credit: Blue Origin)", "caption_or_credit"),
        ("Image via Getty Images", "caption_or_credit"),
        ("Courtesy of Andrew Vaughan", "caption_or_credit"),
        ("Photo illustration by Slate. Photo by David Dyer-Bennet.", "caption_or_credit"),
        ("Declan Rice po vítězství na Aston Ville. | Foto: Reuters", "caption_or_credit"),
        # What a blog prints under its post: its categories, tags and permalink.
        ("Posted in Open thread | Permalink | 10 Comments", "post_footer"),
        (
            "This entry was posted in News and tagged budget, tax. Bookmark the permalink.",
            "post_footer",
        ),
        ("Veröffentlicht unter Allgemein , Film | 1 Kommentar", "post_footer"),
        ("Filed under: Politics", "post_footer"),
        ("Permalink: https://example.org/-2596987", "post_footer"),
        # Where the article also ran in print.
        (
            "A version of this article appears in print on January 13, 2017, on Page A7 of "
            "the New York edition with the headline: Sanctions on Sudan Will Be Lifted.",
            "print_edition",
        ),
        (
            "Published in the print edition of the June 1, 2020, issue, with the headline "
            "“Too Far from Home.”",
            "print_edition",
        ),
        # A copyright footer run into one long line with what follows it.
        (
            "© 2025 Condé Nast. All rights reserved. The New Yorker may earn a portion of sales "
            "from products that are purchased through our site as part of our Affiliate "
            "Partnerships with retailers. The material on this site may not be reproduced.",
            "copyright_footer",
        ),
        # What a text browser prints for an element without text.
        ("IFRAME: https://www.googletagmanager.com/ns.html?id=GTM-5ML3C49", "browser_marker"),
        ("IT4Kids Logo (BUTTON)", "browser_marker"),
        ("Search: ____________________ Titles Text", "browser_marker"),
        ("[clear.gif] [clear.gif]", "browser_marker"),
        ("[IMG]", "browser_marker"),
        ("[" + " " * 20 + "]", "browser_marker"),
    ],
)
def test_chrome_lines_are_caught_by_their_rule(line: str, rule: str) -> None:
    assert rule_for(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "Isis fighters in Afghanistan are communicating with cells in the UK with the aim of "
        "potentially carrying out attacks, the government has claimed.",
        "Most of the victims were young men and women who had recently graduated from high school.",
        "Subscribers to the scheme will pay more from April, the regulator said, adding that "
        "cookies and other tracking data would not be affected by the change in the law.",
        "Read the full report, which runs to 400 pages, before judging it, the minister told MPs "
        "on Tuesday afternoon in a heated exchange.",
        "The photographer, who works for Reuters, said the image was taken in March.",
        "He was reportedly killed alongside 10 other fighters from the group.",
        "Share prices fell.",
        # A byline whose agency follows a pipe is no photo credit.
        "By Daniel Natarajan and Grace Tan | Reuters",
        # Sentences that begin like a credit or a prompt.
        "Photos by the hundred were taken that night, the police said.",
        "Get out and vote by email, the campaign urged its supporters on Monday.",
        # News about cookies and newsletters, not a banner or a prompt.
        "Nutzer müssen Cookies künftig ausdrücklich akzeptieren, entschied das Gericht.",
        "Le site a été condamné pour avoir accepté des cookies sans consentement.",
        # A news agency's mark at a paragraph's end is no picture's credit.
        "Die Polizei ermittelt, sagte ein Sprecher am Montag (dpa).",
        # A headline that begins like a skip link.
        "Zum Inhalt der Debatte springen",
        "Go to the content of the match",
        # Sentences about comments and replies.
        "The council will post a reply to every resident who wrote in.",
        "Your email address will be shared with the council, the notice said.",
        # French quotation marks are no breadcrumb's separators.
        "Il a dit « oui » puis « non » puis « peut-être » alors",
        # A source named in brackets, and a button the article talks about.
        "[Reuters]",
        "Press the power button (button A) twice.",
        # A sentence about a photograph, a colon inside it.
        "He said the photo was taken on Tuesday. Photo: it was not, the agency said later.",
        # A sentence that opens like a blog's footer, and a footer that names the writer (a
        # byline: its metadata).
        "Posted in the wrong place, the sign said nothing.",
        "Posted in News by Jane Doe",
        # Sentences about donations and photos.
        "Die Stiftung will den Verein unterstützen, sagte die Sprecherin am Montag.",
        "The museum, photo archive and library will close on Monday.",
        # A sentence that opens with "Next" or "Reviewed by".
        "Next, the council will vote on the budget.",
        "Reviewed by the board in May. It said no.",
        # A sentence about a licence, and one that trails off.
        "The code is licensed under the MIT licence, the company said.",
        "He paused… and read more of the letter aloud to the court.",
        # Sentences that open like a list's heading or a credit.
        "More on that later.",
        "Courtesy of the museum, the painting went on show.",
        # Newsletters and spam in the news.
        "No spam was found in the mailbox, the police said.",
        "Readers can sign up for the newsletter the council launched, she said.",
        # A credit in prose, in lower case.
        "The firm ran out of trade credit: its suppliers wanted cash up front",
        # A sentence about rights, of a footer's length.
        "All rights reserved to the band in 2019 return to its members next year, the label said "
        "on Monday, after a long dispute over the recordings and the songs on them.",
        # Sentences about print.
        "The paper appeared in print in 1850 and ran until the war.",
        "Her first poem appeared in the spring issue of a print magazine.",
    ],
)
def test_body_sentences_are_never_chrome(line: str) -> None:
    assert rule_for(line) is None


def test_glued_lines_are_split_only_around_chrome() -> None:
    glued = (
        "Please refresh the page or navigate to another page on the site to be automatically "
        "logged inPlease refresh your browser to be logged in"
    )
    assert split_glued(glued) == [
        "Please refresh the page or navigate to another page on the site to be automatically "
        "logged in",
        "Please refresh your browser to be logged in",
    ]
    assert split_glued("The new iPhone and McDonald's menus.Prices rose") == [
        "The new iPhone and McDonald's menus.Prices rose"
    ]


def test_split_chrome_reports_each_removed_line_with_its_rule() -> None:
    kept, removed = split_chrome(["Body line one.", "Advertisement", "Body line two."])
    assert kept == ["Body line one.", "Body line two."]
    assert removed == [{"line": "Advertisement", "rule": "advertisement"}]

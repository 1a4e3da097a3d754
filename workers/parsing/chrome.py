"""Site chrome: the lines a scraper captures that are not the article, each with a named rule.

Precision first: a rule matches a whole line (or a whole piece of a glued line), and most rules
only fire on short lines, so that no body sentence is dropped to catch a chrome line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SHORT = 25  # words; longer lines are never chrome unless a rule says "any length"
# Characters: a line longer than this is never chrome, whatever its word count (one 50,000
# character token is one "word"), and no rule's regex ever sees it.
_SHORT_CHARS = 400


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


# A skip link, in the languages of the dates and stopwords, and a row of them ("Zum Inhalt
# springen Zur Hauptnavigation springen"): accessibility links every template prints first.
_SKIP_TARGET = (
    r"(?:haupt|main |primary |page )?(?:content|navigation|search|footer|menu|inhalt|suche|"
    r"menü|fußzeile|seitenanfang|contenu|recherche|contenido|navegación|menú|contenuto|treści|"
    r"nawigacji|wyszukiwarki|inhoud|navigatie)(?: principale?| principal| głównej)?"
)
_SKIP_LINK = (
    r"(?:(?:skip|jump|go) to (?:the )?|(?:springe|springen|gehe|direkt|wechseln) zu[mr]? |"
    r"zu[mr] |aller (?:au |à la )|passer au |(?:saltar|ir) al? |(?:vai|salta) al |przejdź do |"
    r"(?:ga |spring )?naar (?:de )?)" + _SKIP_TARGET + r"(?: springen| wechseln)?|"
    r"wechseln zu: navigation, suche"
)

# Picture agencies and stock libraries, as captions credit them.
_STOCK = (
    r"istock(photo)?(\.com)?|stock\.adobe\.com|adobe ?stock|fotolia|pixabay|unsplash|pexels|"
    r"imago( images)?|picture.alliance|shutterstock|alamy|getty images"
)
# News agencies, as a caption credits their photographers ("© AFP / MARCO BERTORELLO").
_PHOTO_AGENCY = r"afp|ap|reuters|dpa|epa|apa|anp|ansa|efe|getty( images)?|imago|keystone"

# An image's file, as a text browser names an image without alt text ("clear.gif").
_IMAGE_FILE = r"[\w.?=&;:/%+-]{1,80}\.(?:png|jpe?g|gif|svg|webp)"

# (rule name, pattern matched against the whole stripped line, applies to long lines too)
RULES: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "comments_prompt",
        _rx(
            r"join our commenting forum",
            r"join thought-provoking conversations.*",
            r"(view|show|hide|read|load|post)( all)?( \d+)? comments?",
            r"\d+\s+comments?",
            r"comments?( \(\d+\))?",
            r"(no|be the first to) comments? yet\b.*|no comments yet\b.*",
            r"leave a (comment|reply)",
            r"have your say.*",
            r"comments are (closed|now closed).*",
            r"most (voted|recent|liked) comments?",
            r"(\d+\s+)?(vos )?(kommentare?|commentaires?|comentarios?|commenti|komentarze|"
            r"reacties|réactions?)( \(\d+\))?",
            # A blog's comment form: its buttons, its notes, its check boxes.
            r"((post|submit) (a )?(comment|reply)|cancel reply|kommentar (absenden|abschicken)|"
            r"antwort(en)? abbrechen|\s)+",
            r"(hinterlasse|schreibe) (jetzt )?einen kommentar.*|"
            r"kommentare? (hinterlassen|schreiben)",
            r"(your |deine |ihre )?e-?mail[- ]?adresse wird nicht veröffentlicht.*",
            r"your email address will not be published.*",
            r"notify me of (new|follow-up) (comments|posts|replies).*",
            r"benachrichtig\w* (mich )?(bei|über) (weiteren |neuen )?(kommentaren|beiträgen).*",
            r"save my name, email.*|meinen namen, (meine )?e-mail.*",
            r"you are commenting using your .*|du kommentierst mit deinem .*",
            r"(like|gefällt mir) (loading|wird geladen)\W*",
        ),
        False,
    ),
    (
        "sign_in_prompt",
        _rx(
            r"thank you for registering",
            r"please refresh the page or navigate.*",
            r"please refresh your browser to be logged in",
            r"(sign|log) ?in( or register)?.*",
            r"(sign|log) ?(out|up)",
            r"anmelden|registrieren|abmelden",
            r"register( now)?( for free)?.*",
            r"already (registered|have an account).*",
            r"create (a|your)( free)? account.*",
            r"forgot (your )?password\??",
            r"want to bookmark your favourite articles.*",
            r"you('| a)re (now )?(logged|signed) in.*",
            r"you are not logged in.*",
            r"sie sind (aktuell |derzeit |zurzeit )?nicht (eingeloggt|angemeldet).*",
        ),
        False,
    ),
    (
        "newsletter_prompt",
        _rx(
            # (after a teaser's question or sentence: "Need more space? Subscribe to our ...")
            r"(.{0,120}[.!?] )?(sign up|subscribe)( now)? (to|for) (our|the)\b.*",
            r"(.{0,120}[.!?] )?(sign up|subscribe)( now| today)? (to|for) "
            r".{0,60}\bnewsletters?\b.*",
            r"no spam\s*[,.!–—-].*|.{0,120}\byou can unsubscribe at any time\b.*",
            # ...and its form's notes: "Want more deals? Join the IGN Deals Newsletter.",
            # "Get Quanta Magazine delivered to your inbox", "Thanks for signing up!"
            r"(.{0,120}[.!?] )?join (our|the) .{0,60}\bnewsletters?\b.*",
            r"get [^.!?]{1,60} delivered to your inbox.*",
            r"thanks? (you )?for (signing up|subscribing)\b.*",
            r"keep an eye on your inbox\b.*",
            r"get the latest (news|updates|headlines)\b.{0,80}\b(app|inbox|phone|e-?mail)\b.*",
            # a request for money ("We rely on your support to make local news available to
            # all", "Je fais un don à Attac", "Unterstütze RosaMag bereits mit 2,50!")
            r"we rely on (your|readers'?) support\b.*",
            r"(je fais|faites|faire) un don\b.*",
            r"(?-i:(Jetzt )?(Unterstütze|Unterstützen Sie|UNTERSTÜTZE)) [^.?]{1,60}!?",
            r"(support|donate to) (us|our journalism|independent journalism)\b.*",
            r"get (our|the) .*newsletter.*",
            r".*\bnewsletters?\b.*(inbox|sign up|subscribe).*",
            r"subscribe( now| today)?.*",
            r"enter your email( address)?.*",
            r"we'?ll never share your email.*",
            r"abonnez-vous.*|suscr[íi]bete.*|iscriviti.*",
            r"(receive|get) (our|the|your) .{0,80}\b(newsletter|by e-?mail)\b.*",
            r".{0,80}\benter your e-?mail( address)? (below|here)\b.*",
            r".*\bnewsletters?\b.*\b(abonnier|anmeld|bestell|inscri|abonn|suscr)\w*.*",
            r".*\b(abonnier|anmeld|bestell|inscri|abonn|suscr)\w*\b.*\bnewsletters?\b.*",
            r".*\bdans votre boîte (mail|e-mail|de réception)\b.*",
        ),
        False,
    ),
    (
        "cookie_prompt",
        _rx(
            r".*\bcookies?\b.*\b(accept|consent|policy|preferences|settings|experience)\b.*",
            r"(accept|reject|manage)( all)? cookies.*",
            r"we value your privacy.*",
            # (in the other languages, only a banner that addresses the reader: news may say
            # that users must accept cookies)
            r"(?=.*\b(sie|du|ihre?[mnrs]?|deine?[mnrs]?|vous|votre|usted|tu)\b).*\bcookies?\b.*"
            r"\b(zustimm|stimmen|akzeptier|einverstanden|einstellungen|accepte[rz]?|acepta[rs]?|"
            r"aceptas)\w*.*",
            r"(diese|unsere) (web)?seite verwendet cookies.*|wir (können|verwenden) cookies.*|"
            r"ce site utilise des cookies.*|este sitio (web )?utiliza cookies.*",
            r"this site is protected by recaptcha.*",
            # an embed's consent button ("Klicken Sie auf den unteren Button, um den Inhalt von
            # www.komoot.de zu laden.")
            r"klicke?n? sie auf den( unteren)? button, um (den|die) inhalte? von .{1,80} "
            r"zu laden.*",
            r"click (on )?(the button|here)( below)? to load (the )?content from .*",
            # an embed's placeholder until the reader consents to it
            r"(externer|empfohlener( redaktioneller)?) inhalt|external content|"
            r"recommended (editorial )?content|contenu externe",
        ),
        False,
    ),
    (
        "share_buttons",
        _rx(
            r"(share|tweet|email|e-mail|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|"
            r"copy link|copied|print|messenger|comments?|save|bookmark|\||\s|,|·)+",
            # a row of the site's own profiles ("Youtube Twitter Facebook", "Like Us Follow Us")
            r"((follow|like) us( on)?|facebook|twitter|x|youtube|instagram|tiktok|linkedin|xing|"
            r"pinterest|tumblr|mastodon|threads|bluesky|telegram|flipboard|snapchat|rss|\||\s|,|·)+",
            r"share (this|on|via|the|full)( article| story| page)?\b.*",
            r"(gift|give) (this |the )?(article|story)",
            r"click to share.*",
            r"copy (the )?link( to (this |the )?[^.!?]{1,30})?|link copied",
            r"copy( code| to clipboard)?",
            r"print this (article|story|page)( share (it|this) with (friends|others))?",
            r"follow (the )?(author|authors|topics?)( of| in| within) this (article|story)",
            r"(artikel )?teilen( mit)?:?",
            r"(teilen sie (dies|diesen (artikel|beitrag))|sharen) mit:?",
            r"link kopieren|copier le lien|lien copié|copiar (el )?enlace|copia (il )?link",
            r"partager( cet article| sur .*)?|compartir( en .*)?|condividi( su .*)?",
        ),
        False,
    ),
    (
        "read_more",
        _rx(
            r"read more:?.*",
            r"(more|related)( on this)?( stories| articles| coverage| topics)?:?",
            # a list's heading: "More Videos ...", "MORE STORIES LIKE THIS ONE", "Most read in
            # world news", "More on Slate Book Review", "Related coverage from ...:"
            r"more (stories|videos|articles|news)( like this( one)?)?( ?(\.\.\.|…))?",
            r"most (read|popular|viewed|shared) (in|on|from) [^.!?]{1,40}",
            r"more on [^.!?]{1,40}",
            r"related (coverage|stories|articles) (from|on|in) [^.!?]{1,60}",
            r"explore further:?",
            r"(recommended|trending|most (read|popular|viewed|shared))( now| stories)?:?",
            r"you (may|might) also like:?.*",
            r"more from .*",
            r"related:.*",
            r"(see|read) also:?.*",
            r"continue reading.*",
            # the links to the posts before and after ("← Previous: Chasing Quick Fixes",
            # "Next post: ... →"), a teaser's label, a list's link
            r"[←«‹]\s*(previous|prev|older|newer|next)\b.*|"
            r"(previous|prev|older|newer|next)\b.{0,120}[→»›]",
            r"up next:? .*",
            r"check out more (articles|stories|posts|videos)\b.*",
            r"dans la même rubrique|vorschau auf den nächsten (artikel|beitrag)|"
            r"más sobre [^.!?]{1,40}",
            # a teaser cut short, then its link ("... Over the last few… Read more Read more")
            r".{1,300}(…|\.\.\.) ?(read more|continue reading|weiterlesen|lire la suite|"
            r"leer más|leia mais)( (read more|continue reading|weiterlesen|lire la suite|"
            r"leer más|leia mais))*",
            r"top stories:?",
            r"latest news:?",
            r"mehr zum thema:?.*",
            r"lesen sie auch:?.*",
            r"das könnte sie auch interessieren.*",
            r"(à )?lire aussi:?.*|sur le même sujet:?|noticias relacionadas:?|"
            r"(te|le) puede interesar:?.*|leggi anche:?.*|potrebbe interessarti:?.*",
            r"(weiter )?(nächster|vorheriger) (beitrag|artikel):?.*|"
            r"(next|previous) (post|article|story):?.*|article (suivant|précédent):?.*",
            r"(czytaj|zobacz) (też|także|również):?.*|dowiedz się więcej:.*|"
            r"(veja|leia) (também|mais):?.*|temas relacionados:?|(lea |vea )?también:.*|"
            r"(die )?meistgelesenen? (artikel|beiträge|nachrichten)?.*",
        ),
        False,
    ),
    (
        "advertisement",
        _rx(
            r"(skip )?advertisement",
            r"ad(vert)?",
            r"anzeige",
            r"sponsored( content)?( by .*)?",
            r"story continues below( advertisement)?",
            r"article continues below.*",
            r"scroll (down )?to continue( reading)?",
            # a video player's notes around its advertisement
            r"wait \d+ seconds? to continue\.?|your video will play in \d.*|"
            r"(your )?(video|ad) will (play|begin|start|end) in \d.*|inread invented by teads",
        ),
        False,
    ),
    (
        "caption_or_credit",
        _rx(
            r"\(?(image|photo|picture|video|graphic|illustration)s?( caption| credit| source)?:.*",
            # a credit alone: "Image via Getty Images", "Courtesy of Andrew Vaughan", "Photo
            # illustration by Slate. Photo by David Dyer-Bennet."
            r"(image|photo|picture)s? via [^.!?]{1,80}",
            # a health article's reviewer, not its writer ("Reviewed by Jane Doe, MD")
            r"(medically |fact[- ]checked and )?(reviewed|fact[- ]checked) by "
            r"([^.!?]|(?-i:\b[A-Z]\.)){1,80}",
            r"(?-i:(Photo |Image )?(Courtesy|COURTESY))( of)? [^.!?]{1,80}",
            r"((photo )?illustration by [^.!?]{1,80}\. ?)+(photo by [^.!?]{1,80}\.?)?",
            r"(image|photo|media|video) (caption|credit|source), .*",
            r"(photograph|photo|picture|image): .*",
            r"(photograph|photo|picture|image|foto|bild)s? (by|von|de|di) [^.!?]{1,100}",
            # a caption's sentences, then its credit ("Crowds on Tuesday. Photograph: Jane
            # Roe/Reuters", "Die Halle am Dienstag. Foto: Jane Roe/dpa")
            r"([^.!?]{1,200}[.!?] ){1,3}(photograph|photo|picture|image|foto|bild|credit): "
            r"[^.!?]{1,100}",
            # ...or its credit, capitalised, right after its last word ("... sought treatment
            # Credit: EPA", "... an der Elbe Foto: Jane Roe", "... Parku. | Foto: Reuters"): in
            # prose such a word has no capital
            r"[^.!?]{1,200}[^\W\d_][.!?]?\s(\|\s)?"
            r"(?-i:Photograph|Photo|Picture|Image|Foto|Bild|Credit): "
            r"([^.!?]|\.(?=\d)){1,100}",
            # ...or after a comma, in lower case ("Roman Prymula, photo: Archives du ...")
            r"[^.!?]{1,200}, (photo|foto|bild|image)s? ?: [^.!?]{1,100}",
            # ...or an agency's, after "©" ("..., Ski-Star aus der Schweiz. © AFP / MARCO ...")
            rf".{{0,200}}©\s?({_PHOTO_AGENCY})\b[^.!?]{{0,60}}",
            # ...or says that it only illustrates ("... ist unklar (Symbolbild).")
            r".{0,200}\((symbolbild|symbolfoto|archivbild|archivfoto)\)\.?",
            # ...or how to see it larger ("Zum Vergrößern auf das Bild klicken.")
            r".{0,200}\b(zum vergrößern|click to enlarge|klicken sie zum vergrößern)\b.{0,80}",
            # a caption's credit to a stock library, in brackets or after "©" ("... getarnt.
            # (mlharing / iStock.com)", "... – © Sergey Nivens – stock.adobe.com")
            rf".{{0,200}}(\([^()]{{0,60}}|©.{{0,80}})\b({_STOCK})\b[^()]{{0,40}}\)?\.?",
            r".{0,200}\((image|photo|picture|photograph|foto|bild)s?: ?[^()]*(\([^()]*\)[^()]*)*\)",
            r"\(?(getty images|reuters|afp|ap photo|pa media|pa wire|epa|shutterstock|alamy)\)?",
            r".{0,200}\((getty( images)?|reuters|afp|ap( photo)?|pa( media| wire)?|epa|"
            r"shutterstock|alamy)[^)]*\)",
            # "... / Reuters", not a byline's agency ("By Jane Doe and John Roe | Reuters").
            r"(?!by\s).{0,200}(/|\|) ?(getty( images)?|reuters|afp|ap photo|pa( media| wire)?|epa)",
        ),
        False,
    ),
    (
        "copyright",
        _rx(
            r"(©|\(c\)|copyright)\s*(\(c\)|©)?\s*(\d{4}|[a-z]).*",
            r"all rights reserved.*",
            # a site's licence ("This website and all documents on it are licensed under a
            # Creative Commons ...", "Except as otherwise noted, any code samples ...")
            r"(this (website|site|blog|page|work)|(all |the )?content( on this (site|page))?|"
            r"except (as|where) otherwise noted|unless otherwise (noted|stated))\b.{0,160}"
            r"\blicen[cs]ed under\b.*",
        ),
        False,
    ),
    (
        # A site's copyright footer run into one long line with what follows it ("© 2025 Condé
        # Nast. All rights reserved. The New Yorker may earn a portion of sales ...").
        "copyright_footer",
        _rx(
            r"(©|\(c\)|copyright)\s*©?\s*\d{4}(\s*[-–]\s*\d{4})?\b[^.!?]{0,80}[.,]?\s*"
            r"all rights reserved\b.*"
        ),
        True,
    ),
    (
        "page_furniture",
        _rx(
            r"(home|news|world|uk|us|politics|business|sport|culture)( [>›/|] .+)+",
            # any breadcrumb of three steps or more ("Harbour Times > Local > Politics"; not
            # "»", French's closing quotation mark)
            r"[^>›\n]{1,40}( [>›] [^>›\n]{1,40}){2,6}",
            r"topics?:.*",
            r"you are here:?|sie sind hier:?|vous êtes ici ?:?",
            r"in this (article|story):.*",
            r"tags?:.*",
            r"(listen|watch)( to| now)?( this)?( article| story)?"
            r"( ?[·•|-]? \d+(:\d{2})? min.*)?",
            r"\d+ min(ute)?s? read",
            r"follow (us|@\w+).*",
            r"back to top",
            r"report (a|an)? ?(error|correction).*",
            r"contact (the )?(newsdesk|newsroom).*",
            r"(open|close|expand|menu|search)",
            r"skip to (the )?(main |primary )?(content|navigation|search|footer)",
            r"(open|close|toggle|show|hide) (the )?(main )?(menu|navigation|search)",
            r"(main )?menu|navigation|search( for)?:?",
            r"our standards:.*",
            # a contributor's disclaimer ("Opinions expressed by Forbes Contributors are their
            # own.", "The views expressed here are those of the author.")
            r"(the )?(views|opinions) expressed (here |in this (article|column|piece|post) )?"
            r"(by [^.]{1,80} )?are (those of the (author|writer)s?|(their|his|her) own)\b.*",
            r"impressum|datenschutz",
            r"terms of (service|use)( and| &)? privacy (policy|notice)",
            r"(this )?(slideshow|video|content|page|site) requires javascript.*",
            r"(jump to (recipe|video)|print recipe)( ?(jump to (recipe|video)|print recipe))*",
            r"(ihr|dein) warenkorb ist leer|your (shopping )?(cart|basket) is empty|"
            r"votre panier est vide|tu carrito está vacío",
        ),
        False,
    ),
    (
        # What a blog prints under its post: the categories and tags it is filed under, and
        # its permalink ("Posted in Open thread | Permalink | 10 Comments", "This entry was
        # posted in News and tagged ... Bookmark the permalink.", "Veröffentlicht unter
        # Allgemein"). A line that names a writer ("Posted in News by Jane Doe") is a byline.
        "post_footer",
        _rx(
            # (the keyword first: every long paragraph is tried, and fails at its first word)
            r"(posted|filed|veröffentlicht|abgelegt) (in|under|unter):?(?!.*\b(by|von)\b)"
            r"(?! (the|an?|der|die|das|dem|den|einer?) )( .{1,300})?",
            r"this entry was posted in .{1,300}",
            r"dieser beitrag wurde unter .{1,300} abgelegt.*",
            r"(share |go to )?permalink(:? https?://\S+)?",
        ),
        True,
    ),
    (
        # A page's disclosure that it earns from the links in it ("This post contains
        # references to products from one or more of our advertisers. We may receive ...").
        "disclosure",
        _rx(
            r"this (post|article|page|story) (contains|may contain|includes) (affiliate links|"
            r"references to products|sponsored)\b.*",
            r"(we|the site) may (receive|earn) (a )?(small )?(commission|compensation)\b.*",
            r"as an amazon associate\b.*",
        ),
        True,
    ),
    (
        # Where the article also ran in print ("A version of this article appears in print on
        # January 13, 2017, on Page A7 of the New York edition with the headline: ...",
        # "Published in the print edition of the June 1, 2020, issue, with the headline ...").
        "print_edition",
        _rx(
            r"(a version of this (article|story|column|review|essay|interview) )?"
            r"(appears|appeared) in print\b.{0,300}",
            r"(a version of this (article|story|column|review|essay|interview) )?"
            r"(published|appears|appeared|ran) in the .{0,60}print (edition|issue)\b.{0,300}",
        ),
        True,
    ),
    (
        "skip_link",
        _rx(rf"(?:{_SKIP_LINK})(?:\s*[|,·]?\s*(?:{_SKIP_LINK}))*(?: \[accesskey '?\w'?\])?"),
        False,
    ),
    (
        # What a text browser prints in place of an element that holds no text: lynx's frames
        # ("IFRAME: https://...") and buttons ("Search (BUTTON)"), a form's field as a run of
        # underscores (lynx) or of spaces in brackets (w3m), a line of nothing but images
        # named by their files or a placeholder ("[clear.gif] [clear.gif]", "[IMG]"). A word
        # in brackets may be the article's ("[Reuters]"): it stays.
        "browser_marker",
        _rx(
            r"(?-i:I?FRAME):\s.*",
            r".*\((?-i:BUTTON)\).*",
            r".*_{6,}.*",
            rf"(?:\[(?:{_IMAGE_FILE}|(?-i:IMG|INLINE)| {{1,80}})\]\s*)+",
        ),
        False,
    ),
    (
        "contact_line",
        _rx(
            r"[^.!?]{0,60}\b(newsdesk|newsroom|contact us|tips?)\b[^.!?]{0,20}:?\s*\S+@\S+",
            r"(e-?mail|contact):? \S+@\S+",
        ),
        False,
    ),
)

_GLUE = re.compile(r"(?<=[a-z.!?])(?=[A-Z][a-z])")


def rule_for(line: str) -> str | None:
    """The chrome rule that matches this whole line, or ``None`` (body or metadata)."""
    text = line.strip()
    if not text or len(text) > _SHORT_CHARS:
        return None
    words = len(text.split())
    for name, pattern, any_length in RULES:
        if _fits(text, words, pattern, any_length):
            return name
    return None


def _fits(text: str, words: int, pattern: re.Pattern[str], any_length: bool) -> bool:
    return (any_length or words <= _SHORT) and pattern.fullmatch(text) is not None


_RULE_NAMED = {name: (pattern, any_length) for name, pattern, any_length in RULES}


def matches_rule(name: str, line: str) -> bool:
    """Whether the rule called ``name`` matches this whole line, tried alone (``rule_for``
    tries every rule in turn)."""
    text = line.strip()
    if not text or len(text) > _SHORT_CHARS:
        return False
    return _fits(text, len(text.split()), *_RULE_NAMED[name])


def split_glued(line: str) -> list[str]:
    """Pieces of a line the scraper glued together (``logged inPlease refresh``).

    Split only where a lower-case letter or full stop runs straight into a capitalised word and
    at least one piece is chrome: "iPhone" or "McDonald" never split, and a body line stays whole.
    """
    return [piece for piece, _ in _glued_pieces(line)]


def _glued_pieces(line: str) -> list[tuple[str, str | None]]:
    """``split_glued``'s pieces, each with its chrome rule (each line and piece tried once)."""
    whole = line.strip()
    pieces = [p for p in _GLUE.split(whole) if p.strip()]
    if len(pieces) < 2:
        return [(whole, rule_for(whole))] if pieces else [(whole, None)]
    rules = [rule_for(p) for p in pieces]
    if not all(rules) and ((rule := rule_for(whole)) or not any(rules)):
        return [(whole, rule)]  # whole-line chrome ("Share on ... | WhatsApp"), or body
    return list(zip(pieces, rules, strict=True))


def split_chrome(lines: Iterable[str]) -> tuple[list[str], list[dict[str, str]]]:
    """Separate chrome from the rest: (kept lines, removed [{line, rule}])."""
    kept: list[str] = []
    removed: list[dict[str, str]] = []
    for line in lines:
        for piece, rule in _glued_pieces(line):
            if rule:
                removed.append({"line": piece, "rule": rule})
            else:
                kept.append(piece)
    return kept, removed

"""The words of the documentation, per language: the generated pages and the site around them.

One place for both: the Markdown renderer (codegen/render/docs.py) writes its headings, column
labels and help from here, and the site's configuration (docs/conf.py) its title and the link to
the other language. This module imports nothing but the model's types, so Sphinx reads it cheaply.
"""

from __future__ import annotations

from codegen.model import Language

# The words of the pages and of the site, per language.
LABELS: dict[Language, dict[str, str]] = {
    "fr": {
        "site_title": "Codes de l’API SMSPartner",
        "colon": "\u00a0:",  # French puts a (no-break) space before a colon
        "intro": (
            "Chaque table de la page des codes d’erreur de SMSPartner, avec ses codes, leurs noms et leurs textes."
        ),
        "version": "Version du catalogue",
        "table": "Table",
        "table_id": "Identifiant",
        "python_enum": "Enum Python",
        "groups_enum": "Groupes",
        "count": "Codes",
        "kind": "Nature",
        "kind_error": "erreur",
        "kind_status": "statut",
        "kind_value": "valeur",
        "code": "Code",
        "name": "Nom",
        "permanent": "Permanent",
        "message": "Message",
        "api_text": "Texte de SMSPartner (tel que l’API le renvoie)",
        "reading": "Lire une table",
        "reading_intro": (
            "Chaque table reprend une section de la page de SMSPartner. Choisissez celle de l’appel que vous avez"
            " fait : un même numéro n’a pas le même sens d’une table à l’autre."
        ),
        "code_help": "la valeur que l’API renvoie, un nombre ou, dans quelques tables, un mot.",
        "name_help": "le nom du code dans l’enum Python et dans les fichiers JSON.",
        "permanent_help": (
            "(erreurs HLR) **oui** quand SMSPartner marque l’erreur permanente : son verdict sur cette tentative ;"
            " la colonne « Que faire » dit s’il faut réessayer."
        ),
        "final": "Final",
        "final_help": "(statuts) **oui** quand aucun rapport ultérieur ne changera plus cet état.",
        "success": "Succès",
        "success_help": (
            "(statuts) **oui** quand l’état veut dire que le message est arrivé ou que la demande a abouti."
        ),
        "hint": "Que faire (en anglais)",
        "hint_help": (
            "un conseil court, écrit en anglais, là où il aide : réessayer plus tard, corriger la requête,"
            " recharger le crédit…"
        ),
        "message_help": "le texte de SMSPartner, tel que l’API le renvoie.",
        "api_text_help": "",
        "alias_help": (
            "Un *alias* est un second nom que la page de SMSPartner donne à un code déjà listé ;"
            " sa ligne renvoie à l’entrée principale."
        ),
        "groups_help": "Les tables HLR sont découpées en groupes (`errorGrpId`), chacun avec sa description.",
        "anchor_help": "Chaque code a sa propre adresse, le nom de la table et le code après un `#`, par exemple",
        "yes": "oui",
        "no": "non",
        "group": "groupe",
        "alias_of": "alias de",
        "other_language": "English version",
        "back": "Toutes les tables",
        "variants": "Autres formulations",
        "variants_help": (
            "les autres formulations que les pages de SMSPartner donnent du code, telles quelles, avec leur langue."
        ),
        "sources": "Sources",
        "sources_help": "les lignes des pages de SMSPartner (copiées dans catalog/upstream/) qui documentent le code.",
        "disagreement": "désaccord",
        "disagreements_help": (
            "Un code dont les sources se contredisent renvoie, sur chacune des lignes en cause, à la page des"
            " désaccords."
        ),
        "renamed_of": "ancien nom de",
        "used_by": "Utilisée par",
        "origin": "Source",
        "origin_error_page": "page des codes d’erreur",
        "origin_endpoint_pages": "pages des points d’accès",
        "endpoints": "Points d’accès",
        "endpoints_intro": (
            "Chaque point d’accès que documente SMSPartner : sa méthode, chaque URL que ses pages impriment, et les"
            " tables avec lesquelles lire le code d’une réponse, dans l’ordre (sa propre table d’abord, puis celle de"
            " la page des codes d’erreur pour ce genre d’appel)."
        ),
        "endpoint": "Point d’accès",
        "method": "Méthode",
        "urls": "URL",
        "tables_in_order": "Tables, dans l’ordre",
        "fields": "Champs",
        "pages": "Pages",
        "misprint": "coquille",
        "no_codes": "aucun code documenté",
        "push": "envoyé à votre URL",
        "disagreements": "Désaccords entre les sources",
        "disagreements_intro": (
            "Là où les pages de SMSPartner se contredisent : chaque désaccord avec ses côtés (la page et la ligne de"
            " chacun), la lecture que présente le paquet quand le texte du serveur ne tranche pas, et pourquoi"
            " (en anglais)."
        ),
        "disagreement_id": "Désaccord",
        "about": "Objet (en anglais)",
        "sides": "Côtés",
        "reading_chosen": "Lecture retenue",
        "why": "Pourquoi (en anglais)",
        "both_kept": "les deux sont gardés",
        "kind_meaning": "sens",
        "kind_code": "code",
        "kind_url": "URL",
        "kind_field": "champ",
        "more": "Voir aussi",
    },
    "en": {
        "site_title": "SMSPartner API codes",
        "colon": ":",
        "intro": "Every table of SMSPartner's error-code page, with its codes, their names and their texts.",
        "version": "Catalog version",
        "table": "Table",
        "table_id": "Id",
        "python_enum": "Python enum",
        "groups_enum": "Groups",
        "count": "Codes",
        "kind": "Kind",
        "kind_error": "error",
        "kind_status": "status",
        "kind_value": "value",
        "code": "Code",
        "name": "Name",
        "permanent": "Permanent",
        "message": "Message",
        "api_text": "SMSPartner's text (as the API returns it)",
        "reading": "Reading a table",
        "reading_intro": (
            "Each table is one section of SMSPartner's page. Pick the table of the endpoint you called:"
            " the same number means different things in different tables."
        ),
        "code_help": "the value the API sends: a number or, in a few tables, a word.",
        "name_help": "the code's name in the Python enum and in the JSON files.",
        "permanent_help": (
            "(HLR errors) **yes** when SMSPartner marks the error permanent: its verdict on that attempt;"
            " the What to do column says whether to try again."
        ),
        "final": "Final",
        "final_help": "(statuses) **yes** when no later report will change this state.",
        "success": "Success",
        "success_help": "(statuses) **yes** when the state means the message arrived or the request succeeded.",
        "hint": "What to do",
        "hint_help": "a short piece of advice where one helps: retry later, fix the request, top up the credit…",
        "message_help": "what the code means, in English.",
        "api_text_help": (
            "SMSPartner's own text, which is what the API puts in its responses: French, or English where its pages"
            " give only English; a dash where they give the code without a text."
        ),
        "alias_help": (
            "An *alias* is a second name SMSPartner's page gives to a code already listed;"
            " its row links to the main entry."
        ),
        "groups_help": "HLR tables are split into groups (`errorGrpId`), each with its description.",
        "anchor_help": "Every code has an address of its own, the table's page and the code after a `#`, for example",
        "yes": "yes",
        "no": "no",
        "group": "group",
        "alias_of": "alias of",
        "other_language": "Version française",
        "back": "All tables",
        "variants": "Other wordings",
        "variants_help": "the other wordings SMSPartner's pages give for the code, verbatim, with their language.",
        "sources": "Sources",
        "sources_help": "the lines of SMSPartner's pages (copied in catalog/upstream/) that document the code.",
        "disagreement": "disagreement",
        "disagreements_help": (
            "A code whose sources contradict each other links, on each row involved, to the disagreements page."
        ),
        "renamed_of": "former name of",
        "used_by": "Used by",
        "origin": "Source",
        "origin_error_page": "error-code page",
        "origin_endpoint_pages": "endpoint pages",
        "endpoints": "Endpoints",
        "endpoints_intro": (
            "Every endpoint SMSPartner documents: its method, every URL its pages print, and the tables an answer's"
            " code is read with, in order (its own table first, then the error-code page's table for that kind of"
            " call)."
        ),
        "endpoint": "Endpoint",
        "method": "Method",
        "urls": "URLs",
        "tables_in_order": "Tables, in order",
        "fields": "Fields",
        "pages": "Pages",
        "misprint": "misprint",
        "no_codes": "no code documented",
        "push": "sent to your URL",
        "disagreements": "Where the sources disagree",
        "disagreements_intro": (
            "Where SMSPartner's pages contradict each other: each disagreement with its sides (the page and line of"
            " each), the reading the package presents when the server's text does not decide, and why."
        ),
        "disagreement_id": "Disagreement",
        "about": "What",
        "sides": "Sides",
        "reading_chosen": "Reading",
        "why": "Why",
        "both_kept": "both are kept",
        "kind_meaning": "meaning",
        "kind_code": "code",
        "kind_url": "URL",
        "kind_field": "field",
        "more": "See also",
    },
}

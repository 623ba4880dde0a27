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
            "Chaque code que renvoient les API de SMSPartner (SMS, HLR, vocal, e-mail) : les tables de sa page des"
            " codes d’erreur, celles des pages de ses points d’accès et les valeurs que portent ses réponses ; pour"
            " chaque code, son nom, ses textes, que faire, et les lignes des pages qui le documentent."
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
        "reading_intro": "Chaque ligne d’une table est un code ; ses colonnes :",
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
        "message_help": (
            "le texte de SMSPartner, tel que l’API le renvoie ; une mention le signale quand ses pages ne le donnent"
            " qu’en anglais, ou ne donnent aucun texte (c’est alors notre anglais)."
        ),
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
            "(sous le message) les autres formulations que les pages de SMSPartner donnent du code, telles quelles,"
            " avec leur langue ; la recherche les trouve aussi."
        ),
        "sources": "Sources",
        "sources_help": (
            "(sous le message, à déplier) les pages de SMSPartner qui documentent le code et leurs lignes (pages"
            " copiées dans catalog/upstream/ du dépôt)."
        ),
        "message_language_en": "en anglais sur les pages de SMSPartner",
        "message_language_none": "notre anglais : les pages de SMSPartner donnent ce code sans texte",
        "disagreement": "désaccord",
        "disagreements_help": (
            "Un code dont les sources se contredisent renvoie, sur chacune des lignes en cause, à la page des"
            " désaccords."
        ),
        "renamed_of": "ancien nom de",
        "used_by": "Points d’accès qui lisent leurs codes avec cette table",
        "field": "champ",
        "origin": "Source",
        "origin_error_page": "page des codes d’erreur",
        "origin_endpoint_pages": "pages des points d’accès",
        "endpoints": "Points d’accès",
        "endpoints_intro": (
            "Chaque point d’accès que documente SMSPartner : sa méthode, chaque URL que ses pages impriment (une"
            " « coquille » est l’URL d’un autre point d’accès, imprimée par erreur), les tables avec lesquelles lire"
            " le code d’une réponse, dans l’ordre (sa propre table d’abord, puis celle de la page des codes d’erreur"
            " pour ce genre d’appel), les champs dont une table liste les valeurs, et ses pages."
        ),
        "endpoint": "Point d’accès",
        "method": "Méthode",
        "urls": "Méthode et URL",
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
            " (en anglais). Chaque ligne de table en cause renvoie ici."
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
        "kind_meaning_title": "Un code, deux sens",
        "kind_code_title": "Un sens, deux codes",
        "kind_url_title": "Une URL imprimée pour un autre point d’accès",
        "kind_field_title": "Un champ au nom ambigu",
        "more": "Voir aussi",
        "find_call": "Trouver la table de votre appel",
        "find_call_intro": (
            "Cherchez l’URL que vous avez appelée. Le code de sa réponse se lit avec ses tables, dans l’ordre : la"
            " table de sa propre page d’abord, puis celle de la page des codes d’erreur pour ce genre d’appel ; un"
            " code que la première ne liste pas se lit dans la suivante. Un même numéro n’a pas le même sens d’une"
            " table à l’autre."
        ),
        "call": "Appel",
        "every_table": "Toutes les tables",
        "section_error_page": "Page des codes d’erreur",
        "section_sms": "Appels SMS",
        "section_hlr": "Appels HLR",
        "section_voice": "Appels vocaux",
        "section_mail": "Appels e-mail",
        "section_vocabularies": "Valeurs des champs des réponses",
        "nav_overview": "Vue d’ensemble",
        "quoted": "«\u00a0{}\u00a0»",  # no-break spaces: a quote never starts a line
        "product_sms": "SMS",
        "product_hlr": "HLR (vérification de numéros)",
        "product_voice": "Vocal",
        "product_mail": "E-mail",
    },
    "en": {
        "site_title": "SMSPartner API codes",
        "colon": ":",
        "intro": (
            "Every code SMSPartner's APIs (SMS, HLR, voice, e-mail) answer with: the tables of its error-code page,"
            " those of its endpoint pages and the values its answers carry; for each code, its name, its texts, what"
            " to do, and the lines of the pages that document it."
        ),
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
        "reading_intro": "Each row of a table is one code; its columns:",
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
        "variants_help": (
            "(under SMSPartner's text) the other wordings SMSPartner's pages give for the code, verbatim, with their"
            " language; the search finds them too."
        ),
        "sources": "Sources",
        "sources_help": (
            "(under SMSPartner's text, folded) the pages of SMSPartner that document the code, and their lines"
            " (the pages are copied in the repository's catalog/upstream/)."
        ),
        "message_language_en": "in English on SMSPartner's pages",
        "message_language_none": "our English: SMSPartner's pages give this code without a text",
        "disagreement": "disagreement",
        "disagreements_help": (
            "A code whose sources contradict each other links, on each row involved, to the disagreements page."
        ),
        "renamed_of": "former name of",
        "used_by": "Endpoints that read their codes with this table",
        "field": "field",
        "origin": "Source",
        "origin_error_page": "error-code page",
        "origin_endpoint_pages": "endpoint pages",
        "endpoints": "Endpoints",
        "endpoints_intro": (
            "Every endpoint SMSPartner documents: its method, every URL its pages print (a misprint is another"
            " endpoint's URL, printed by mistake), the tables an answer's code is read with, in order (its own table"
            " first, then the error-code page's table for that kind of call), the fields whose values a table lists,"
            " and its pages."
        ),
        "endpoint": "Endpoint",
        "method": "Method",
        "urls": "Method and URLs",
        "tables_in_order": "Tables, in order",
        "fields": "Fields",
        "pages": "Pages",
        "misprint": "misprint",
        "no_codes": "no code documented",
        "push": "sent to your URL",
        "disagreements": "Where the sources disagree",
        "disagreements_intro": (
            "Where SMSPartner's pages contradict each other: each disagreement with its sides (the page and line of"
            " each), the reading the package presents when the server's text does not decide, and why. Every table"
            " row involved links here."
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
        "kind_meaning_title": "One code, two meanings",
        "kind_code_title": "One meaning, two codes",
        "kind_url_title": "A URL printed for another endpoint",
        "kind_field_title": "A field named ambiguously",
        "more": "See also",
        "find_call": "Find the table of your call",
        "find_call_intro": (
            "Look for the URL you called. Its answer's code is read with its tables, in order: the table of its own"
            " page first, then the error-code page's table for that kind of call; a code the first does not list is"
            " read in the next. The same number means different things in different tables."
        ),
        "call": "Call",
        "every_table": "Every table",
        "section_error_page": "The error-code page",
        "section_sms": "SMS calls",
        "section_hlr": "HLR calls",
        "section_voice": "Voice calls",
        "section_mail": "Mail calls",
        "section_vocabularies": "Values of answer fields",
        "nav_overview": "Overview",
        "quoted": "“{}”",
        "product_sms": "SMS",
        "product_hlr": "HLR (number verification)",
        "product_voice": "Voice",
        "product_mail": "E-mail",
    },
}

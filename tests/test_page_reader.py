"""The reader of SMSPartner's endpoint pages (codegen.maintenance.pages and .examples), on small synthetic pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codegen.maintenance.examples import CONTAINER, read_example, read_json_tolerantly
from codegen.maintenance.pages import PageParseError, parse_endpoint_page, read_endpoint_page
from codegen.urls import shape

HEADLINE = (
    "---\ntitle: Annuler\n---\n# Annuler\n\n## URL\n\n<div>\n"
    '  <div style="background-color: #49CC90;">DELETE</div> \n'
    '  <span style="margin-left: 10px;"> https://api.voicepartner.fr/v1/campaign/cancel </span>\n</div>\n'
)


def test_the_headline_gives_method_url_and_line() -> None:
    page = parse_endpoint_page(HEADLINE, "p.md")
    assert page.title == "Annuler"
    assert [(h.method, h.url, h.line) for h in page.headlines] == [
        ("DELETE", "https://api.voicepartner.fr/v1/campaign/cancel", 10)
    ]


def test_a_method_badge_without_its_url_is_a_located_error() -> None:
    text = "---\ntitle: x\n---\n<div>POST</div>\n\n\n\n\ntext\n"
    with pytest.raises(PageParseError) as raised:
        parse_endpoint_page(text, "p.md")
    assert raised.value.line == 4
    assert "p.md:4:" in str(raised.value)


SAMPLES = """---
title: x
---
<pre><code class="language-php">
$url = "https://api.voicepartner.fr/v1/campaign/cancel/$apiKey/$campaignId";
</code></pre>
```python
url = f"https://api.voicepartner.fr/v1/campaign/cancel/{apiKey}/{campaignId}"
URL = "https://api.smspartner.fr/v1"
url = URL + "/message-status?apiKey=" + API_KEY
```
```java
String url = "https://api.voicepartner.fr/v1/campaign/cancel/" + apiKey + "/" + campaignId;
```
```vbnet
Dim base_url As String = "http://api.smspartner.fr/v1/"
url = base_url & "me" & "?apiKey=" & apiKey
```
```javascript
const options = {
  hostname: 'api.smspartner.fr',
  path: `/v1/stop-sms/list?apiKey=${apiKey}`,
};
```
```go
url := fmt.Sprintf("https://api.voicepartner.fr/v1/me/%s", apiKey)
curl -X DELETE 'https://api.voicepartner.fr/v1/campaign/cancel/YOUR_API_KEY/CAMPAIGN_ID'
```
"""


def test_the_urls_of_code_samples_in_every_form() -> None:
    page = parse_endpoint_page(SAMPLES, "p.md")
    found = [(sample.url, sample.line, sample.language) for sample in page.sample_urls]
    assert found == [
        ("api.voicepartner.fr/v1/campaign/cancel/$apiKey/$campaignId", 5, "php"),
        ("api.voicepartner.fr/v1/campaign/cancel/{apiKey}/{campaignId}", 8, "python"),
        ("api.smspartner.fr/v1/message-status", 10, "python"),
        ("api.voicepartner.fr/v1/campaign/cancel/{apiKey}/{campaignId}", 13, "java"),
        ("api.smspartner.fr/v1/me", 17, "vbnet"),
        ("api.smspartner.fr/v1/stop-sms/list", 22, "javascript"),
        ("api.voicepartner.fr/v1/me/%s", 26, "go"),
        ("api.voicepartner.fr/v1/campaign/cancel/YOUR_API_KEY/CAMPAIGN_ID", 27, "go"),
    ]
    shapes = {shape(url) for url, _, _ in found if "campaign" in url}
    assert shapes == {"api.voicepartner.fr/v1/campaign/cancel/{}/{}"}


def test_a_code_table_its_rows_and_their_lines() -> None:
    text = (
        "---\ntitle: x\n---\n## Code de contrôle\n\n| _  | Code erreurs |\n| :---: |:---|\n"
        "|1 | \tLa Clé API est requise |\n|10 | Clé API incorrecte |\n"
    )
    page = parse_endpoint_page(text, "p.md")
    (table,) = page.code_tables
    assert table.heading == "Code de contrôle" and table.line == 6
    assert [(row.code, row.text, row.line) for row in table.rows] == [
        ("1", "La Clé API est requise", 8),
        ("10", "Clé API incorrecte", 9),
    ]


def test_a_parameter_table_is_no_code_table() -> None:
    text = "---\ntitle: x\n---\n| Paramètre | Description |\n|---|---|\n| **apiKey** | Clé API |\n"
    assert parse_endpoint_page(text, "p.md").code_tables == []


def test_a_code_table_without_separator_is_a_located_error() -> None:
    text = "---\ntitle: x\n---\n| _ | Code erreurs |\n|1 | a |\n"
    with pytest.raises(PageParseError) as raised:
        parse_endpoint_page(text, "p.md")
    assert raised.value.line == 4


def test_examples_json_xml_php_and_request_bodies() -> None:
    text = (
        '---\ntitle: x\n---\n## Requête\n```json\n{"apiKey": "k"}\n```\n## Réponses\n```json\n{ {\n'
        '"success": false,\n"code": 10,\n"message": "Clef API incorrecte"\n}\n}\n```\n'
        "```xml\n<?xml version='1.0' encoding='UTF-8'?>\n<result>\n"
        "<entry>false</entry>\n<entry>9</entry>\n</result>\n```\n"
        "``` json\nArray(\n  'errorName'=> 'NO_ERROR ',\n  'ported'=> 1\n)\n```\n"
    )
    page = parse_endpoint_page(text, "p.md")
    assert [example.format for example in page.examples] == ["json", "xml", "php"]  # the request body is left out
    json_example, xml_example, php_example = page.examples
    assert not json_example.strict and "line 10" in json_example.problem
    assert [(v.key, v.value, v.line) for v in json_example.objects[0]] == [
        ("success", False, 11),
        ("code", 10, 12),
        ("message", "Clef API incorrecte", 13),
    ]
    assert xml_example.strict
    assert [(v.key, v.value) for v in xml_example.objects[0]] == [("success", False), ("code", 9)]
    assert [(v.key, v.value) for v in php_example.objects[0]] == [("errorName", "NO_ERROR "), ("ported", 1)]


def test_the_tolerant_reader_keeps_nested_objects_and_skips_remarks() -> None:
    text = '{\n "a": xxx,\n "b": {"c": 1 (remark)\n "d": "é"},\n "e": [ {"f": true} ...\n}'
    objects = read_json_tolerantly(text, 1)
    assert [[(v.key, v.value) for v in fields] for fields in objects] == [
        [("a", "xxx"), ("b", CONTAINER), ("e", CONTAINER)],
        [("c", 1), ("d", "é")],
        [("f", True)],
    ]


def test_unclosed_blocks_run_to_the_next_one_or_the_end() -> None:
    text = (
        '---\ntitle: x\n---\n<pre><code class="language-python">\nurl = "https://api.smspartner.fr/v1/send"\n'
        '<pre><code class="language-bash">\ncurl https://api.smspartner.fr/v1/bulk-send\n</code></pre>\n'
        '```json\n{"success": true}\n'
    )
    page = parse_endpoint_page(text, "p.md")
    urls = [sample.url for sample in page.sample_urls]
    assert urls == ["api.smspartner.fr/v1/send", "api.smspartner.fr/v1/bulk-send"]
    assert [example.line for example in page.examples] == [10]


def test_a_bare_code_fragment_is_read_as_one_sample() -> None:
    page = parse_endpoint_page('$url = "https://api.voicepartner.fr/v1/campaign/cancel/$apiKey/$campaignId";\n', "L.md")
    assert [sample.url for sample in page.sample_urls] == ["api.voicepartner.fr/v1/campaign/cancel/$apiKey/$campaignId"]


def test_a_list_of_values_with_glosses() -> None:
    text = "---\ntitle: x\n---\n### 3 statuts\n* **Delivered (Livré)** : Ce statut indique...\n* **Waiting**\n"
    (values,) = parse_endpoint_page(text, "p.md").value_lists
    assert [(item.term, item.description, item.line) for item in values.items] == [
        ("Delivered (Livré)", "Ce statut indique...", 5),
        ("Waiting", "", 6),
    ]


def test_a_page_that_is_not_text_is_refused_with_its_line(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_bytes(b"---\ntitle: x\n---\nline\n\xff\n")
    with pytest.raises(PageParseError) as raised:
        read_endpoint_page(page)
    assert raised.value.line == 5 and "not UTF-8" in raised.value.reason
    with pytest.raises(PageParseError) as raised:
        parse_endpoint_page("---\ntitle: x\n---\n\x07\n", "p.md")
    assert raised.value.line == 4


def test_xml_that_is_not_well_formed_says_where() -> None:
    strict, problem, objects = read_example("xml", "\n<result><entry>1</result>\n", 7)
    assert not strict and "line 8" in problem and objects == ()


PIECES = [*"|`{}[]<>\"':,\n #*-_abcPOST/()x", "```", "<pre><code>", "</code>", "<div>GET</div>", "<span>u</span>"]


@given(st.lists(st.sampled_from(PIECES), max_size=200))
def test_any_text_is_read_or_refused_with_a_located_error(pieces: list[str]) -> None:
    try:
        parse_endpoint_page("---\ntitle: x\n---\n" + "".join(pieces), "p.md")
    except PageParseError as error:
        assert error.line >= 1 and error.reason

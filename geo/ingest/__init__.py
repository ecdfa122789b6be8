"""Bringing new sources into the atlas.

A document becomes *proposed* excerpts (``propose``) that a person reviews (``review``);
an event table becomes dated point events (``events_table``). Each module has one job:

- :mod:`extract`: the text of a txt, Markdown, HTML or PDF file;
- :mod:`sentences`: sentences and paragraphs with their offsets, in every script;
- :mod:`languages`: the tables of Armenian, Azerbaijani and Russian (``languages.json``),
  language detection and word stems;
- :mod:`dates`: date phrases -> EDTF, resolved against the document's context (and the news rule);
- :mod:`langdates`: Armenian, Azerbaijani and Russian date candidates, read by dateparser;
- :mod:`dateline`: a news item's dateline (place and day of filing);
- :mod:`match`: the atlas's names (every convention and variant) found in text;
- :mod:`propose`: proposals from the three above, scored;
- :mod:`review`: accepting, rejecting and editing proposals in a source file;
- :mod:`events_table`: UCDP GED and ACLED tables -> events layer files.
"""

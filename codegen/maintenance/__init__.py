"""The maintenance tools: keeping the catalog in step with SMSPartner, and writing its changelog.

- ``upstream``: reads SMSPartner's error-code page (its Markdown) into sections and rows;
- ``drift``: ``python -m codegen upstream PAGE``, every difference between that page and the catalog;
- ``diff``: ``python -m codegen diff OLD NEW``, what changed between two catalogs, and the next version;
- ``pairing``: how both match entries by code and name.

They read the catalog as the generator does (``codegen.catalog``) and write nothing.
"""

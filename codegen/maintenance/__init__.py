"""The maintenance tools: keeping the catalog in step with SMSPartner, and writing its changelog.

- ``upstream``: reads SMSPartner's error-code page (its Markdown) into sections and rows;
- ``drift``: ``python -m codegen upstream PAGE``, every difference between that page and the catalog;
- ``diff``: ``python -m codegen diff OLD NEW``, what changed between two catalogs, and the next version;
- ``pairing``: how both match entries by code and name.

They read the catalog as the generator does (``codegen.catalog``) and write nothing. Releasing:

- ``dist``: ``make dist``, the sdist and the wheel built from it alone (checked against the work
  tree's wheel), into ``dist/``;
- ``sdist_hook``: hatchling's build hook that keeps the work tree's links to directories in the sdist.
"""

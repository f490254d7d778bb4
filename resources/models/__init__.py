"""Resource links and the provider directory.

Design notes (see also docs/performance.md):

- Resource links are translatable *snippets*, not pages: each one is a link to another site,
  with no page of its own on ours, and editors manage them in one filterable list.
- The directory's vocabularies (specialties, approaches, populations, insurance, languages,
  licensed states) live in ONE table, `DirectoryTerm`, with a `kind` column, and a provider
  links to its terms through ONE many-to-many table. Filtering is an indexed subquery per
  kind, the filter form's options come from one query, and each result card's terms from
  one prefetch query, so the number of queries never grows with the number of providers.
  The admin and the own-profile form still show one field per kind (`admin_forms.py`).

The models are split by subject: `links.py` (resource links and their page), `directory.py`
(vocabularies and settings), `provider.py` (profiles, offices and the directory's queries),
`directory_page.py` (the directory page). Each model module holds the queries on its models;
the code that presents them (`directory.py`, `resource_list.py`, `filters.py` beside this
package) is given querysets and values and imports no models, so nothing imports back.
"""

from .directory import DirectorySettings, DirectoryTerm
from .directory_page import ProviderDirectoryPage
from .links import ResourceIndexPage, ResourceKind, ResourceLink, TaggedResourceLink
from .provider import LicenceType, ProviderOffice, ProviderPage

__all__ = [
    "DirectorySettings",
    "DirectoryTerm",
    "LicenceType",
    "ProviderDirectoryPage",
    "ProviderOffice",
    "ProviderPage",
    "ResourceIndexPage",
    "ResourceKind",
    "ResourceLink",
    "TaggedResourceLink",
]

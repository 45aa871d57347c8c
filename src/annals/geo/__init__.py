"""geo stage: places in the text resolved to coordinates with an ACLED geo_precision.

``Geocoder.load()`` opens the offline gazetteer (compiled once from installed
package data into the user cache), ``geocoder.for_document(doc)`` finds and
resolves every place name, and ``DocumentGeography.locate(span)`` gives the events
stage the location of the event reported in ``doc.text[span]``.
"""

from annals.geo.gazetteer import Gazetteer, Place, cache_dir
from annals.geo.names import fold, skeleton, strict_key
from annals.geo.resolve import DocumentGeography, Geocoder, Location, PlaceMention

__all__ = [
    "DocumentGeography",
    "Gazetteer",
    "Geocoder",
    "Location",
    "Place",
    "PlaceMention",
    "cache_dir",
    "fold",
    "skeleton",
    "strict_key",
]

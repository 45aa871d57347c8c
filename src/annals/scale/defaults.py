"""Defaults of the scale stage, in a module that imports nothing.

The CLI reads them for its option defaults; importing ``dump``, ``fetch`` or
``merge`` for a number would load urllib, ssl, bz2 and the pipeline's
readers whenever ``annals`` starts, even for ``annals --help``.
"""

DEFAULT_BLOCK_BYTES = 16 * 1024 * 1024  # compressed bytes per Spark task: ~1,400 tasks for a 22 GB dump
DEFAULT_API = "https://en.wikipedia.org/w/api.php"
RADIUS_KM = 10.0  # two differently named places further apart are two places (Kyiv and Hostomel are 23 km)
MAX_DAYS = 7  # events dated more loosely than this (a month, a campaign) never merge
MIN_SIMILARITY = 0.25  # share of the rarer sentence's weighted words that both evidence sentences hold

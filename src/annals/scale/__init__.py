"""scale stage: whole MediaWiki dumps on Spark, live pages by title, one event from many articles.

``dump`` (multistream index and blocks), ``filter`` (conflict articles), ``fetch``
(the MediaWiki API), ``spark`` (the dump job; pyspark is imported only when a job
starts), ``merge`` (cross-document events) and ``cli`` (their commands). Nothing is
imported here, so ``import annals.scale`` costs nothing and needs no extra.
"""

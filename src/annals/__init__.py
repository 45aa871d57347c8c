"""annals: written accounts of armed conflict in, a verifiable event dataset out.

    >>> import annals
    >>> result = annals.extract("article.md")          # a path, or the text itself
    >>> result.to_dict()["events"][0]["evidence"]       # spans into the file's text

``read_path`` / ``read_text`` give the ``Document`` alone; ``Pipeline`` keeps the loaded resources
for many documents (``Pipeline().pipe(paths)`` never stops on a bad file).
"""

from annals.document import Document, Span
from annals.errors import AnnalsError, ReadError
from annals.pipeline import Extraction, Failure, Pipeline, extract
from annals.read import read_path, read_text

__version__ = "0.1.0"

__all__ = [
    "AnnalsError",
    "Document",
    "Extraction",
    "Failure",
    "Pipeline",
    "ReadError",
    "Span",
    "__version__",
    "extract",
    "read_path",
    "read_text",
]

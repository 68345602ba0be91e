"""Parsing and validation done once per document text, behind the document limits.

Front ends send the same few documents again and again, with different
variables. Parsing one and running the validation rules over it took about
0.6 ms of a 2.4 ms role lookup; both results depend on the text alone, so
they are kept (bounded LRU) and reused.

The limits that guard validation (api/limits.py: fields, repeats, unnamed
operations; api/cost.py: the cost, which depends on the variables too) are
extensions that run in ``on_validate`` before the cache below, on every
request: a refused document is never validated, so it never enters the
validation cache, and sending it again meets the same refusal.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from graphql import DocumentNode, GraphQLError, GraphQLSchema
from graphql.validation import ASTValidationRule
from strawberry.extensions import ParserCache, SchemaExtension
from strawberry.schema.schema import validate_document

#: Documents kept parsed, and validation outcomes kept, per process.
MAX_DOCUMENTS = 512

Rules = tuple[type[ASTValidationRule], ...]


def parser_cache() -> SchemaExtension:
    """Strawberry's parser cache, keyed by the text and the parse options (the
    token limit among them, so a too-long document is refused every time)."""
    return ParserCache(maxsize=MAX_DOCUMENTS)


class _Document:
    """A document that hashes and compares as nothing, so that the text keys
    the cache alone: graphql-core's nodes hash and compare by walking the
    whole tree, a string in one pass. The document is parsed from that text,
    so it is the same for every hit."""

    __slots__ = ("document",)

    def __init__(self, document: DocumentNode) -> None:
        self.document = document

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Document)


@lru_cache(maxsize=MAX_DOCUMENTS)
def _validated_by_text(
    schema: GraphQLSchema, query: str, rules: Rules, document: _Document
) -> list[GraphQLError]:
    return validate_document(schema, document.document, rules)


class ValidationCache(SchemaExtension):
    """Validates a document once per text and rule set; the limits still run.

    Unlike strawberry's own ``ValidationCache``, it leaves an operation that
    an earlier extension already refused alone: it neither validates it nor
    overwrites the refusal. It must come after the limit extensions.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if (
            document is not None
            and context.pre_execution_errors is None
            and context.query is not None
            and context.validation_rules
        ):
            # A copy: the cached list is shared by every request with this text.
            context.pre_execution_errors = list(
                _validated_by_text(
                    context.schema._schema,
                    context.query,
                    tuple(context.validation_rules),
                    _Document(document),
                )
            )
        yield

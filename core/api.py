"""What every API shares: its pagination and JSON parser, the defaults in REST_FRAMEWORK
(portal/settings.py). Both refuse bad input with a 400, never a 500; core.api_schema documents it.

DRF imports these while it defines APIView, so this module must not import views or anything
that does (drf_spectacular.openapi does: hence the schema class lives apart)."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """`limit` and `offset`, refused with a 400 unless each is given once as a whole number in range.

    DRF's own class quietly uses its default for a malformed value, and passes any size of number
    to the database, which fails with a 500 beyond a bigint."""

    # PAGE_SIZE unless asked; no more than this, so one request's work stays bounded.
    max_limit = 100
    # Far beyond any list here, and well inside PostgreSQL's bigint OFFSET.
    max_offset = 2**31 - 1

    def get_limit(self, request):
        limit = self._whole_number(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if limit is None else limit

    def get_offset(self, request):
        offset = self._whole_number(request, self.offset_query_param, 0, self.max_offset)
        return 0 if offset is None else offset

    @staticmethod
    def _whole_number(request, name: str, minimum: int, maximum: int) -> int | None:
        """The parameter's value, or None when it is not given."""
        values = request.query_params.getlist(name)
        if not values:
            return None
        if len(values) > 1:
            raise ValidationError({name: [f"Give {name} only once."]})
        # isdigit() alone takes other scripts' digits, and int() takes "+5", " 5" and "5_0".
        (raw,) = values
        number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum)) else None
        if number is None or not minimum <= number <= maximum:
            raise ValidationError({name: [f"Enter {name} as a whole number from {minimum} to {maximum}."]})
        return number

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: (1, self.max_limit), self.offset_query_param: (0, self.max_offset)}
        for parameter in parameters:
            minimum, maximum = bounds[parameter["name"]]
            parameter["schema"].update(minimum=minimum, maximum=maximum)
            if parameter["name"] == self.limit_query_param:
                parameter["description"] = f"Number of results to return per page ({self.default_limit} if not given)."
        return parameters


class JSONParser(parsers.JSONParser):
    """A body nested deeper than Python's recursion limit (100,000 `[`) is a 400, not a 500.

    The json module raises RecursionError, which is no ValueError, so DRF's parser lets it through;
    for a signed-in user the CSRF check parses the body first, so every URL of every API had it."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None

"""The schema states every answer the API gives: besides 200, a 304 to a matching If-None-Match, 400 for a bad
filter or page size, 401 without valid credentials, 403 for a write, 404 outside the person's scope or for a
bad cursor."""

ERRORS = {
    "400": "A filter, the cursor or the page size is not valid.",
    "401": "No valid access token or session.",
    "403": "Not allowed (the API only reads).",
    "404": "Not found, or not among what the person may read.",
}


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "description": "Why the request was refused.",
        "additionalProperties": True,
        "properties": {"detail": {"type": "string"}},
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault("304", {"description": "Not modified: the ETag sent still matches."})
            for code, description in ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result

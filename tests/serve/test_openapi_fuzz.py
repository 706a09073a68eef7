"""Property-based requests over the published OpenAPI document (schemathesis): at least 1,000
generated requests, valid and invalid, and not one server error; every response conforms to
the document (status, content type, schema, the one error shape).

No models: a store of invented reports with the fingerprint stage only, one story briefed.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from serve_stores import light_config

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES_PER_OPERATION_AND_MODE = 110


def test_generated_requests_never_meet_a_server_error(make_light_db):
    from schemathesis import GenerationMode

    from newsweave.web import create_app

    app = create_app(make_light_db(), config=light_config())
    services = app.state.services
    for story_id in services.cache.missing_or_stale()[:1]:
        services.cache.builder.build(story_id)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 5
    sent: dict[int, int] = {}

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=EXAMPLES_PER_OPERATION_AND_MODE, deadline=None,
                      database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                response = case.call()
                sent[response.status_code] = sent.get(response.status_code, 0) + 1
                assert response.status_code < 500, case.as_curl_command()
                # schemathesis' checks: documented status and content type, response schema,
                # invalid input rejected, valid input accepted
                case.validate_response(response)

            check()
    services.close()
    total = sum(sent.values())
    print("generated requests by status:", sent)
    assert total >= 1000, sent
    assert not any(status >= 500 for status in sent), sent
    assert sent.get(200, 0) > 100 and sent.get(422, 0) > 100, sent  # both kinds were exercised

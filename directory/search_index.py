"""The SQL that keeps SearchEntry in step with the directory, set-based.

One SELECT per kind of entry produces the entry's columns from the directory tables; the same SELECT
feeds a full rebuild (every row) and a refresh of a few rows (a WHERE on one column), through one
INSERT ... SELECT ... ON CONFLICT upsert. The search document is weighted: title A, synonyms and
keywords B, everything else C. `terms` (lower-cased title, synonyms and keywords) feeds the word
list (SearchWord) that misspelt query words are corrected against.
"""

from django.contrib.auth import get_user_model
from django.db import connection, transaction

_SELECTS = {
    "topic": """
        SELECT 'topic' AS kind, t.id AS object_id, t.slug AS slug, t.name AS title,
               array_to_string(t.synonyms, ' | ') AS synonyms, array_to_string(t.keywords, ' | ') AS keywords,
               concat_ws(' ', sa.name, tm.name, p.name, t.adviser_script) AS body,
               CASE WHEN p.id IS NOT NULL THEN 'Contact ' || p.name ELSE concat_ws(', ', tm.name, sa.name) END
                   AS summary,
               COALESCE(NULLIF(p.phone, ''), NULLIF(tm.public_phone, ''), sa.public_phone) AS phone,
               (t.is_public AND sa.is_public) AS is_public, t.service_area_id AS service_area_id
        FROM directory_topic t
        JOIN directory_servicearea sa ON sa.id = t.service_area_id
        LEFT JOIN directory_team tm ON tm.id = t.team_id
        LEFT JOIN directory_partner p ON p.id = t.partner_id
        WHERE {where}""",
    "service": """
        SELECT 'service', sa.id, sa.slug, sa.name, '', '', concat_ws(' ', sa.summary, sa.handles),
               left(sa.summary, 300), sa.public_phone, sa.is_public, sa.id
        FROM directory_servicearea sa
        WHERE {where}""",
    "team": """
        SELECT 'team', tm.id, tm.slug, tm.name, '', '', concat_ws(' ', sa.name, tm.out_of_hours),
               sa.name, COALESCE(NULLIF(tm.public_phone, ''), sa.public_phone), sa.is_public, sa.id
        FROM directory_team tm
        JOIN directory_servicearea sa ON sa.id = tm.service_area_id
        WHERE {where}""",
    "partner": """
        SELECT 'partner', p.id, p.slug, p.name, '', '', concat_ws(' ', p.handles, p.how_to_refer),
               left(p.handles, 300), p.phone, TRUE, NULL::bigint
        FROM directory_partner p
        WHERE {where}""",
    # Officers are never public: the entry exists for the staff phone guide only.
    "officer": """
        SELECT 'officer', o.id, 'officer-' || o.id,
               COALESCE(NULLIF(btrim(concat_ws(' ', u.first_name, u.last_name)), ''), u.username),
               o.job_title, '', concat_ws(' ', tm.name, sa.name), left(concat_ws(', ', o.job_title, tm.name), 300),
               '', FALSE, sa.id
        FROM directory_officer o
        JOIN {user_table} u ON u.id = o.user_id
        JOIN directory_team tm ON tm.id = o.team_id
        JOIN directory_servicearea sa ON sa.id = tm.service_area_id
        WHERE {where}""",
}

_UPSERT = """
    INSERT INTO directory_searchentry
        (kind, object_id, slug, title, synonyms, keywords, body, summary, phone, terms, document, is_public,
         service_area_id)
    SELECT src.kind, src.object_id, src.slug, left(src.title, 200), src.synonyms, src.keywords, src.body,
           src.summary, src.phone,
           lower(concat_ws(' | ', src.title, NULLIF(src.synonyms, ''), NULLIF(src.keywords, ''))),
           setweight(to_tsvector('english', src.title), 'A')
               || setweight(to_tsvector('english', src.synonyms), 'B')
               || setweight(to_tsvector('english', src.keywords), 'B')
               || setweight(to_tsvector('english', src.body), 'C'),
           src.is_public, src.service_area_id
    FROM ({select}) AS src (kind, object_id, slug, title, synonyms, keywords, body, summary, phone, is_public,
                            service_area_id)
    ON CONFLICT (kind, object_id) DO UPDATE SET
        slug = EXCLUDED.slug, title = EXCLUDED.title, synonyms = EXCLUDED.synonyms, keywords = EXCLUDED.keywords,
        body = EXCLUDED.body, summary = EXCLUDED.summary, phone = EXCLUDED.phone, terms = EXCLUDED.terms,
        document = EXCLUDED.document, is_public = EXCLUDED.is_public, service_area_id = EXCLUDED.service_area_id
"""

# Which column of each SELECT a refresh may filter on (fixed strings: never user input).
_COLUMNS = {
    "topic": {"id": "t.id", "service_area": "t.service_area_id", "team": "t.team_id", "partner": "t.partner_id"},
    "service": {"id": "sa.id"},
    "team": {"id": "tm.id", "service_area": "tm.service_area_id"},
    "partner": {"id": "p.id"},
    "officer": {"id": "o.id", "team": "o.team_id", "service_area": "tm.service_area_id", "user": "o.user_id"},
}

KINDS = tuple(_SELECTS)


def _sql(kind: str, where: str) -> str:
    select = _SELECTS[kind].format(where=where, user_table=connection.ops.quote_name(get_user_model()._meta.db_table))
    return _UPSERT.format(select=select)


def index_upsert(kind: str, *, column: str | None = None, value: int | None = None) -> int:
    """Upsert the entries of `kind` (all of them, or those whose `column` equals `value`)."""
    with connection.cursor() as cursor:
        if column is None:
            cursor.execute(_sql(kind, "TRUE"))
        else:
            cursor.execute(_sql(kind, f"{_COLUMNS[kind][column]} = %s"), [value])
        return cursor.rowcount


def index_delete_all() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM directory_searchentry")


def index_delete(kind: str, object_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM directory_searchentry WHERE kind = %s AND object_id = %s", [kind, object_id])


# The words now in the entries' terms, compared with the list: drop the words no entry has any more,
# add the new ones, and keep "public" true only for words of entries the public can see. About
# 0.1 s at 7,000 entries. Refreshes take turns (a transaction-level advisory lock): two edits
# refreshing at once could otherwise lock the same words in different orders and deadlock.
_WORDS_LOCK = "SELECT pg_advisory_xact_lock(%s)"
_WORDS_LOCK_KEY = 7_461_205  # any constant of our own, the same for every refresh
_WORDS_REFRESH = """
    WITH current_words AS MATERIALIZED (
        SELECT w AS word, bool_or(e.is_public AND e.kind <> 'officer') AS is_public
        FROM directory_searchentry e, unnest(tsvector_to_array(to_tsvector('simple', e.terms))) AS w
        GROUP BY w
    ), gone AS (
        DELETE FROM directory_searchword sw
        WHERE NOT EXISTS (SELECT 1 FROM current_words c WHERE c.word = sw.word)
    )
    INSERT INTO directory_searchword (word, is_public)
    SELECT word, is_public FROM current_words
    ON CONFLICT (word) DO UPDATE SET is_public = EXCLUDED.is_public
    WHERE directory_searchword.is_public <> EXCLUDED.is_public
"""


def words_refresh() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_WORDS_LOCK, [_WORDS_LOCK_KEY])
        cursor.execute(_WORDS_REFRESH)


def index_analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE directory_searchentry, directory_searchword")

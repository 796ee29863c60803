-- pgbench: every statement one 提交 (POST /declarations/{id}/submit with an Idempotency-Key)
-- sends, in the same order and transaction boundaries as the API: the idempotency claim; one
-- transaction with the statements of declaration_submit_core.sql, the applicant's basic
-- information copied into the declaration and the answer read back (views::build: plan, plan
-- affiliations and units, units, applicant, attachments, snapshot count, timeline); the stored
-- answer. What PostgreSQL alone costs for a whole request: the ceiling for the API.
--
-- Same repeatability trick as the core script (status stays 'draft'). Variables (-D):
-- applicants, plan and employer (uuids), bodylen (size of the stored answer). Run with
-- -M prepared: statements are prepared once per connection, as sqlx does.
\set n random(1, :applicants)
\set k random(1, 2000000000)
INSERT INTO idempotency_keys (account_id, key, request_hash, state, response_status, response_body, created_at)
VALUES (md5('account-' || :n)::uuid, 'pgb-' || :client_id || '-' || :k, md5(:k::text) || md5(:n::text), 'running', NULL, NULL, now())
ON CONFLICT (account_id, key) DO NOTHING;
BEGIN;
SELECT d.version AS v, d AS row FROM declarations d
 WHERE d.id = md5('declaration-' || :n)::uuid AND d.applicant_id = md5('account-' || :n)::uuid
   FOR UPDATE \gset
SELECT * FROM plans WHERE id = :plan;
SELECT * FROM declaration_records WHERE declaration_id = md5('declaration-' || :n)::uuid ORDER BY extracted_at;
SELECT * FROM declaration_attachments WHERE declaration_id = md5('declaration-' || :n)::uuid ORDER BY created_at;
SELECT * FROM files WHERE id IN (SELECT file_id FROM declaration_attachments WHERE declaration_id = md5('declaration-' || :n)::uuid);
SELECT * FROM accounts WHERE id = md5('account-' || :n)::uuid;
SELECT * FROM profiles WHERE account_id = md5('account-' || :n)::uuid;
SELECT * FROM org_units WHERE id = :employer;
UPDATE declarations
   SET status = 'draft', employer_id = :employer, holder_id = :employer, held_since = now(),
       submitted_at = now(), profile = profile, eligibility = eligibility, last_step = 7,
       version = version + 1, updated_at = now()
 WHERE id = md5('declaration-' || :n)::uuid AND status = 'draft' AND version = :v;
INSERT INTO declaration_events (id, declaration_id, action, actor_id, unit_id, comment, at)
VALUES (gen_random_uuid(), md5('declaration-' || :n)::uuid, 'submitted', md5('account-' || :n)::uuid, :employer, NULL, now())
RETURNING *;
SELECT * FROM declarations WHERE id = md5('declaration-' || :n)::uuid;
SELECT * FROM plans WHERE id IN (:plan);
SELECT * FROM plan_affiliations WHERE plan_id IN (:plan);
SELECT * FROM org_units WHERE id IN (SELECT org_unit_id FROM plan_affiliations WHERE plan_id = :plan
                                     UNION SELECT (acceptors->>0)::uuid FROM plans WHERE id = :plan
                                     UNION SELECT publisher_id FROM plans WHERE id = :plan);
SELECT * FROM org_units WHERE id IN (SELECT employer_id FROM declarations WHERE id = md5('declaration-' || :n)::uuid
                                     UNION SELECT acceptor_id FROM declarations WHERE id = md5('declaration-' || :n)::uuid);
SELECT * FROM accounts WHERE id = md5('account-' || :n)::uuid;
SELECT * FROM declaration_attachments WHERE declaration_id = md5('declaration-' || :n)::uuid ORDER BY created_at;
SELECT * FROM files WHERE id IN (SELECT file_id FROM declaration_attachments WHERE declaration_id = md5('declaration-' || :n)::uuid);
SELECT count(*) FROM declaration_records WHERE declaration_id = md5('declaration-' || :n)::uuid;
SELECT * FROM declaration_events WHERE declaration_id = md5('declaration-' || :n)::uuid ORDER BY at, id LIMIT 500;
SELECT * FROM accounts WHERE id IN (md5('account-' || :n)::uuid);
SELECT * FROM org_units WHERE id IN (:employer);
COMMIT;
UPDATE idempotency_keys SET state = 'done', response_status = 200, response_body = repeat('x', :bodylen)
 WHERE account_id = md5('account-' || :n)::uuid AND key = 'pgb-' || :client_id || '-' || :k;

-- pgbench: the core SQL of one 提交 (POST /declarations/{id}/submit), in one transaction, as
-- api/src/declarations/submit.rs sends it: lock the declaration, read the plan, the account,
-- the 30 snapshots and the attachments, the conditional UPDATE on (id, status, version), the
-- timeline event, and the re-read of the row.
--
-- Repeatable on the same rows: the UPDATE writes every column a submission writes (a new row
-- version of the same size, profile and eligibility copied from the API run) but keeps
-- status = 'draft', so the next transaction on that declaration matches the filter again.
-- Events accumulate as they do in real use.
--
-- Variables (-D): applicants (rows 1..N of bench_applicants), plan and employer (uuids).
-- Run with -M prepared: statements are prepared once per connection, as sqlx does.
-- Ids are md5 of a name and the applicant number, as bench/src/declaration_submit.rs made them.
\set n random(1, :applicants)
BEGIN;
SELECT d.version AS v, d AS row FROM declarations d
 WHERE d.id = md5('declaration-' || :n)::uuid AND d.applicant_id = md5('account-' || :n)::uuid
   FOR UPDATE \gset
SELECT * FROM plans WHERE id = :plan;
SELECT * FROM accounts WHERE id = md5('account-' || :n)::uuid;
SELECT * FROM declaration_records WHERE declaration_id = md5('declaration-' || :n)::uuid ORDER BY extracted_at;
SELECT * FROM declaration_attachments WHERE declaration_id = md5('declaration-' || :n)::uuid ORDER BY created_at;
SELECT * FROM files WHERE id IN (SELECT file_id FROM declaration_attachments WHERE declaration_id = md5('declaration-' || :n)::uuid);
UPDATE declarations
   SET status = 'draft', employer_id = :employer, holder_id = :employer, held_since = now(),
       submitted_at = now(), profile = profile, eligibility = eligibility, last_step = 7,
       version = version + 1, updated_at = now()
 WHERE id = md5('declaration-' || :n)::uuid AND status = 'draft' AND version = :v;
INSERT INTO declaration_events (id, declaration_id, action, actor_id, unit_id, comment, at)
VALUES (gen_random_uuid(), md5('declaration-' || :n)::uuid, 'submitted', md5('account-' || :n)::uuid, :employer, NULL, now());
SELECT * FROM declarations WHERE id = md5('declaration-' || :n)::uuid;
COMMIT;

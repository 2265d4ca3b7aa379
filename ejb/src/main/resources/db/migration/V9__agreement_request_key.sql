-- A consumer's Idempotency-Key on POST /api/v1/agreements (AgreementRequests): the key and the
-- SHA-256 of the request it came with (RequestKey). A consumer's key is taken once: of two racing
-- requests with the same key, the second insert fails on agreement_request_key, its transaction
-- (and the process it started) rolls back, and it is answered with the first one's agreement.
-- Different consumers' keys never meet. Agreements requested without a key have neither column
-- (NULLs never collide in a unique constraint).
alter table agreement add column request_key         varchar(200);
alter table agreement add column request_fingerprint varchar(64);
alter table agreement add constraint agreement_request_key unique (consumer_id, request_key);
alter table agreement add constraint agreement_request_fingerprint
    check ((request_key is null) = (request_fingerprint is null));

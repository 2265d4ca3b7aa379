-- Each escrow agreement's usage not charged by a bill yet, kept on the agreement's row: the cap
-- check of every usage report summed the agreement's unbilled reports instead, a cost that grew
-- with each report until the next bill (94 % of PostgreSQL's time in the benchmark's single
-- reports). Raised by the reports' insert and lowered by a bill's charge, both under the
-- agreement's row lock. Payment-channel units are counted on the channel, never here.
alter table agreement add column unbilled_usage numeric(78) not null default 0;

update agreement a set unbilled_usage = u.total
from (select agreement_id, sum(amount) as total from usage_report where bill_number is null group by agreement_id) u
where a.id = u.agreement_id and a.settlement_model = 'ESCROW';

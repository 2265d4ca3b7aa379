-- Each escrow agreement's usage not charged by a bill yet, kept in a row of its own: the cap check
-- of every usage report summed the agreement's unbilled reports instead, a cost that grew with each
-- report until the next bill (94 % of PostgreSQL's time in the benchmark's single reports). Raised
-- by the reports' insert and lowered by a bill's charge, each by exactly the rows it touched. Not a
-- column of agreement: raising it there wrote a new version of that wide row, with an entry in each
-- of its indexes, for every report taken. Half-empty pages leave room for updates in place.
-- Payment-channel units are counted on the channel, never here.
create table agreement_unbilled_usage (
    agreement_id varchar(36) primary key references agreement (id),
    amount       numeric(78) not null
) with (fillfactor = 50);

insert into agreement_unbilled_usage (agreement_id, amount)
select u.agreement_id, sum(u.amount)
from usage_report u join agreement a on a.id = u.agreement_id
where u.bill_number is null and a.settlement_model = 'ESCROW'
group by u.agreement_id;

-- Offerings and their review (see io.tollway.domain.model.offering.Offering).
create table offering (
    id               varchar(36)  primary key,
    provider_id      varchar(100) not null,
    name             varchar(200) not null,
    settlement_model varchar(20)  not null,
    status           varchar(20)  not null,
    submitted_at     timestamptz  not null,
    review_opened_at timestamptz,
    decided_at       timestamptz,
    decision_reason  varchar(500),
    version          bigint       not null
);

create index offering_status_idx on offering (status);
create index offering_submitted_idx on offering (submitted_at desc);

-- Who may call Tollway, in which role. API callers authenticate with a key of which only the
-- SHA-256 is kept; a leaked table yields no usable key. A provider's webhook secret must be kept
-- readable (Tollway signs with it), so it lives here and never appears in a view or a log.
create table account (
    id             varchar(100) primary key,
    name           varchar(200) not null,
    role           varchar(20)  not null,
    api_key_hash   varchar(64)  not null unique,
    webhook_url    varchar(500),
    webhook_secret varchar(200),
    created_at     timestamptz  not null,
    constraint account_role check (role in ('ADMIN', 'APPROVER', 'PROVIDER', 'CONSUMER'))
);

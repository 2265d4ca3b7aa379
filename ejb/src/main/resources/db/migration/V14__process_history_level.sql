-- The process engine's history moves from Camunda's "full" (id 3) to Tollway's own level (id 30,
-- TollwayHistoryLevel): full without the record of every variable change. Camunda keeps the level
-- in its property table and refuses to start on a different one, so a database the engine has
-- already set up is moved here, before the engine starts. On a new database the engine's tables
-- do not exist yet and the engine writes the new level itself.
do $$
begin
    if to_regclass('act_ge_property') is not null then
        update act_ge_property set value_ = '30' where name_ = 'historyLevel' and value_ = '3';
    end if;
end
$$;

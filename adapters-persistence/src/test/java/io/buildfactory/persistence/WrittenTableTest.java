package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WrittenTableTest {

    @Test
    void a_write_names_its_table_however_it_is_spelled() {
        assertEquals("work_items", WrittenTable.of("insert into work_items (id, title) values (?, ?)"));
        assertEquals("work_items", WrittenTable.of("  UPDATE \"work_items\" SET lane = ? WHERE id = ?"));
        assertEquals("project_members", WrittenTable.of("delete from public.project_members where user_id = ?"));
        assertEquals("run_checks", WrittenTable.of("insert or replace into run_checks(id) values (?)"));
        assertEquals("projects", WrittenTable.of("merge into projects using (select 1) as s on (true)"));
    }

    @Test
    void reads_and_other_statements_write_no_table() {
        assertNull(WrittenTable.of("select * from work_items"));
        assertNull(WrittenTable.of("with x as (select 1) select * from x"));
        assertNull(WrittenTable.of("select pg_notify(?, ?)"));
        assertNull(WrittenTable.of("updated_at"));
        assertNull(WrittenTable.of(""));
    }
}

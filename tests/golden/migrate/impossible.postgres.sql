cdcc ddl: pg.app.lines: the merge key changed from (order_id, line_no) to (order_id); the table's primary key must be rebuilt by hand (or write to a new table)
exit: 1

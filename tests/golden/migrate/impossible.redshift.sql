cdcc ddl: dw.app.orders: column "qty" changed from INTEGER to BIGINT; Redshift can only make a VARCHAR longer: create the table anew and copy its rows (CREATE TABLE ... ; INSERT INTO ... SELECT ...)
cdcc ddl: dw.app.orders: column "code" is no longer NOT NULL; Redshift cannot change that: create the table anew and copy its rows (CREATE TABLE ... ; INSERT INTO ... SELECT ...)
cdcc ddl: dw.app.orders: column "status" is encoded bytedict; Redshift cannot change the type of such a column: change its encoding in a migration of its own first, or create the table anew and copy its rows (CREATE TABLE ... ; INSERT INTO ... SELECT ...)
cdcc ddl: dw.app.orders: the sort key changed and one of them is interleaved; Redshift alters compound sort keys only: create the table anew and copy its rows
cdcc ddl: dw.app.events: the route changed from merge to append; the table holds one row per key and cannot be converted: write to a new table (another name in the merge block)
cdcc ddl: dw.app.lines: the merge key changed from (order_id, line_no) to (order_id); the table's primary key must be rebuilt by hand (or write to a new table)
exit: 1

cdcc ddl: lake.web.visits: column "Page URL" cannot be an Athena name: only letters, digits and _ are allowed (rename it in a transform or in the merge)
cdcc ddl: lake.web.visits: column "dt" has the name of a partition column of the lake; rename it in a transform
exit: 1

-- cdcc ddl --dialect mysql: pipeline names_test, from names.cdc (sha256 62e072a99f81)
-- generated: review it, keep it with the pipeline, do not edit it by hand

-- ==== target myt (mysql) ====
CREATE DATABASE IF NOT EXISTS `cdcc` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `cdcc`.`cdcc_checkpoints` (
  `pipeline`     VARCHAR(255) NOT NULL,
  `source`       VARCHAR(255) NOT NULL,
  `position`     VARCHAR(512) NOT NULL,
  `batch_id`     BIGINT NOT NULL,
  `committed_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`pipeline`, `source`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `cdcc`.`cdcc_quarantine` (
  `id`             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `pipeline`       VARCHAR(255) NOT NULL,
  `table_name`     VARCHAR(1024) NOT NULL,
  `rule`           TEXT NOT NULL,
  `reason`         TEXT NOT NULL,
  `line`           INT,
  `op`             VARCHAR(16) NOT NULL,
  `position`       VARCHAR(512),
  `commit_time`    DATETIME(6),
  `row`            JSON NOT NULL,
  `quarantined_at` DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- src.public."Order ""Items""" -> myt."Sales Data"."Order ""Items""" (merge)
CREATE DATABASE IF NOT EXISTS `Sales Data` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `Sales Data`.`Order "Items"` (
  `order` BIGINT NOT NULL,
  `we"ird` LONGTEXT,
  `naïve col` VARCHAR(40),
  `a``b` INT,
  `from` JSON,
  `x;--y` DECIMAL(8,3),
  `Größe` LONGBLOB,
  PRIMARY KEY (`order`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(7),
  `order` BIGINT,
  `we"ird` LONGTEXT,
  `naïve col` VARCHAR(40),
  `a``b` INT,
  `from` JSON,
  `x;--y` DECIMAL(8,3),
  `Größe` LONGBLOB
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `order`, `we"ird`, `naïve col`, `a``b`, `from`, `x;--y`, @cdc_hex7)
  SET `Größe` = UNHEX(@cdc_hex7);
CREATE TEMPORARY TABLE `cdcc`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`order`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`we"ird`) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `we"ird`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`,
    FIRST_VALUE(s.`naïve col`) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `naïve col`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`,
    FIRST_VALUE(s.`a``b`) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `a``b`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u4`,
    FIRST_VALUE(s.`from`) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `from`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u5`,
    FIRST_VALUE(s.`x;--y`) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `x;--y`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u6`,
    FIRST_VALUE(s.`Größe`) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 7, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `Größe`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 7, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`order`, CASE WHEN s.`order` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u7`
  FROM `cdcc`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `Sales Data`.`Order "Items"` FROM `Sales Data`.`Order "Items"` JOIN `cdcc`.`cdcc_batch` ON `Sales Data`.`Order "Items"`.`order` = `cdcc`.`cdcc_batch`.`order` WHERE `cdcc`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `Sales Data`.`Order "Items"` (`order`, `we"ird`, `naïve col`, `a``b`, `from`, `x;--y`, `Größe`)
SELECT * FROM (
  SELECT b.`order` AS `order`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`we"ird` ELSE b.`we"ird` END AS `we"ird`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`naïve col` ELSE b.`naïve col` END AS `naïve col`,
    CASE WHEN b.`_cdc_u4` = 1 THEN t.`a``b` ELSE b.`a``b` END AS `a``b`,
    CASE WHEN b.`_cdc_u5` = 1 THEN t.`from` ELSE b.`from` END AS `from`,
    CASE WHEN b.`_cdc_u6` = 1 THEN t.`x;--y` ELSE b.`x;--y` END AS `x;--y`,
    CASE WHEN b.`_cdc_u7` = 1 THEN t.`Größe` ELSE b.`Größe` END AS `Größe`
  FROM `cdcc`.`cdcc_batch` AS b LEFT JOIN `Sales Data`.`Order "Items"` AS t ON t.`order` = b.`order`
) AS n
ON DUPLICATE KEY UPDATE
  `we"ird` = n.`we"ird`,
  `naïve col` = n.`naïve col`,
  `a``b` = n.`a``b`,
  `from` = n.`from`,
  `x;--y` = n.`x;--y`,
  `Größe` = n.`Größe`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_stage`;

-- src.public.select -> myt."Sales Data".select (merge)
CREATE DATABASE IF NOT EXISTS `Sales Data` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `Sales Data`.`select` (
  `group` INT NOT NULL,
  `where` VARCHAR(10) NOT NULL,
  `table` BOOLEAN,
  PRIMARY KEY (`group`, `where`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(3),
  `group` INT,
  `where` VARCHAR(10),
  `table` BOOLEAN
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `group`, `where`, `table`);
CREATE TEMPORARY TABLE `cdcc`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`group`, s.`where`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`group`, s.`where`, CASE WHEN s.`group` IS NULL OR s.`where` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`table`) OVER (PARTITION BY s.`group`, s.`where`, CASE WHEN s.`group` IS NULL OR s.`where` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `table`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`group`, s.`where`, CASE WHEN s.`group` IS NULL OR s.`where` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`
  FROM `cdcc`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `Sales Data`.`select` FROM `Sales Data`.`select` JOIN `cdcc`.`cdcc_batch` ON `Sales Data`.`select`.`group` = `cdcc`.`cdcc_batch`.`group` AND `Sales Data`.`select`.`where` = `cdcc`.`cdcc_batch`.`where` WHERE `cdcc`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `Sales Data`.`select` (`group`, `where`, `table`)
SELECT * FROM (
  SELECT b.`group` AS `group`,
    b.`where` AS `where`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`table` ELSE b.`table` END AS `table`
  FROM `cdcc`.`cdcc_batch` AS b LEFT JOIN `Sales Data`.`select` AS t ON t.`group` = b.`group` AND t.`where` = b.`where`
) AS n
ON DUPLICATE KEY UPDATE
  `table` = n.`table`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_stage`;

-- src.public.plain -> myt."Sales Data".plain (merge)
CREATE DATABASE IF NOT EXISTS `Sales Data` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `Sales Data`.`plain` (
  `id` BIGINT NOT NULL,
  `status` VARCHAR(16),
  `amount` DECIMAL(12,2),
  `note` LONGTEXT,
  `tags` JSON,
  `placed` DATETIME(6),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(6),
  `id` BIGINT,
  `status` VARCHAR(16),
  `amount` DECIMAL(12,2),
  `note` LONGTEXT,
  `tags` JSON,
  `placed` DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `id`, `status`, `amount`, `note`, `tags`, `placed`);
CREATE TEMPORARY TABLE `cdcc`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`id`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`status`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `status`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`,
    FIRST_VALUE(s.`amount`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `amount`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`,
    FIRST_VALUE(s.`note`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `note`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 4, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u4`,
    FIRST_VALUE(s.`tags`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `tags`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 5, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u5`,
    FIRST_VALUE(s.`placed`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `placed`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 6, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u6`
  FROM `cdcc`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `Sales Data`.`plain` FROM `Sales Data`.`plain` JOIN `cdcc`.`cdcc_batch` ON `Sales Data`.`plain`.`id` = `cdcc`.`cdcc_batch`.`id` WHERE `cdcc`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `Sales Data`.`plain` (`id`, `status`, `amount`, `note`, `tags`, `placed`)
SELECT * FROM (
  SELECT b.`id` AS `id`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`status` ELSE b.`status` END AS `status`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`amount` ELSE b.`amount` END AS `amount`,
    CASE WHEN b.`_cdc_u4` = 1 THEN t.`note` ELSE b.`note` END AS `note`,
    CASE WHEN b.`_cdc_u5` = 1 THEN t.`tags` ELSE b.`tags` END AS `tags`,
    CASE WHEN b.`_cdc_u6` = 1 THEN t.`placed` ELSE b.`placed` END AS `placed`
  FROM `cdcc`.`cdcc_batch` AS b LEFT JOIN `Sales Data`.`plain` AS t ON t.`id` = b.`id`
) AS n
ON DUPLICATE KEY UPDATE
  `status` = n.`status`,
  `amount` = n.`amount`,
  `note` = n.`note`,
  `tags` = n.`tags`,
  `placed` = n.`placed`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_stage`;

-- src.public.events -> myt."Sales Data".events (merge)
CREATE DATABASE IF NOT EXISTS `Sales Data` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `Sales Data`.`events` (
  `id` BIGINT NOT NULL,
  `kind` VARCHAR(20),
  `at` DATETIME(6),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(3),
  `id` BIGINT,
  `kind` VARCHAR(20),
  `at` DATETIME(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `id`, `kind`, `at`);
CREATE TEMPORARY TABLE `cdcc`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`id`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`,
    FIRST_VALUE(s.`kind`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `kind`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 2, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u2`,
    FIRST_VALUE(s.`at`) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END ORDER BY CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END, s.`_cdc_seq` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS `at`,
    MIN(CASE WHEN SUBSTRING(COALESCE(s.`_cdc_unchanged`, ''), 3, 1) = '1' THEN 1 ELSE 0 END) OVER (PARTITION BY s.`id`, CASE WHEN s.`id` IS NULL THEN s.`_cdc_seq` END) AS `_cdc_u3`
  FROM `cdcc`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `Sales Data`.`events` FROM `Sales Data`.`events` JOIN `cdcc`.`cdcc_batch` ON `Sales Data`.`events`.`id` = `cdcc`.`cdcc_batch`.`id` WHERE `cdcc`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `Sales Data`.`events` (`id`, `kind`, `at`)
SELECT * FROM (
  SELECT b.`id` AS `id`,
    CASE WHEN b.`_cdc_u2` = 1 THEN t.`kind` ELSE b.`kind` END AS `kind`,
    CASE WHEN b.`_cdc_u3` = 1 THEN t.`at` ELSE b.`at` END AS `at`
  FROM `cdcc`.`cdcc_batch` AS b LEFT JOIN `Sales Data`.`events` AS t ON t.`id` = b.`id`
) AS n
ON DUPLICATE KEY UPDATE
  `kind` = n.`kind`,
  `at` = n.`at`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_stage`;

-- src.public.tags -> myt."Sales Data".tags (merge)
CREATE DATABASE IF NOT EXISTS `Sales Data` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `Sales Data`.`tags` (
  `tag` VARCHAR(64) NOT NULL,
  PRIMARY KEY (`tag`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;

-- per batch, in the transaction that writes the checkpoint:
CREATE TEMPORARY TABLE `cdcc`.`cdcc_stage` (
  `_cdc_seq` BIGINT NOT NULL,
  `_cdc_op` CHAR(1) NOT NULL,
  `_cdc_unchanged` VARCHAR(1),
  `tag` VARCHAR(64)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
LOAD DATA LOCAL INFILE '{{file}}' INTO TABLE `cdcc`.`cdcc_stage` CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY ''
  LINES TERMINATED BY '\n' (`_cdc_seq`, `_cdc_op`, `_cdc_unchanged`, `tag`);
CREATE TEMPORARY TABLE `cdcc`.`cdcc_batch` AS
SELECT * FROM (
  SELECT s.`tag`, s.`_cdc_op`,
    ROW_NUMBER() OVER (PARTITION BY s.`tag`, CASE WHEN s.`tag` IS NULL THEN s.`_cdc_seq` END ORDER BY s.`_cdc_seq` DESC) AS `_cdc_rn`
  FROM `cdcc`.`cdcc_stage` s
) x
WHERE x.`_cdc_rn` = 1;
DELETE `Sales Data`.`tags` FROM `Sales Data`.`tags` JOIN `cdcc`.`cdcc_batch` ON `Sales Data`.`tags`.`tag` = `cdcc`.`cdcc_batch`.`tag` WHERE `cdcc`.`cdcc_batch`.`_cdc_op` = 'D';
DELETE FROM `cdcc`.`cdcc_batch` WHERE `_cdc_op` = 'D';
INSERT INTO `Sales Data`.`tags` (`tag`)
SELECT * FROM (
  SELECT b.`tag` AS `tag`
  FROM `cdcc`.`cdcc_batch` AS b LEFT JOIN `Sales Data`.`tags` AS t ON t.`tag` = b.`tag`
) AS n
ON DUPLICATE KEY UPDATE
  `tag` = n.`tag`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_batch`;
DROP TEMPORARY TABLE `cdcc`.`cdcc_stage`;

-- per batch, last, in the same transaction:
-- quarantined changes, one statement per change (parameters ? in order)
INSERT INTO `cdcc`.`cdcc_quarantine` (`pipeline`, `table_name`, `rule`, `reason`, `line`, `op`, `position`, `commit_time`, `row`, `quarantined_at`)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6));
-- the checkpoint (pipeline, source, position, batch)
INSERT INTO `cdcc`.`cdcc_checkpoints` (`pipeline`, `source`, `position`, `batch_id`, `committed_at`)
  VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))
  ON DUPLICATE KEY UPDATE `position` = VALUES(`position`), `batch_id` = VALUES(`batch_id`),
    `committed_at` = VALUES(`committed_at`);
exit: 0

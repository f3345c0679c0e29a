-- cdcc ddl --dialect mysql --migrate-from: pipeline targets, from targets.cdc (sha256 536066023912)
-- what changes since targets.old.cdc (sha256 46069002feb3); review it before running it, nothing is dropped

-- ==== target my (mysql) ====
CREATE DATABASE IF NOT EXISTS `cdcc` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `cdcc`.`cdcc_checkpoints` (
  `pipeline`     VARCHAR(255) NOT NULL,
  `source`       VARCHAR(255) NOT NULL,
  `position`     VARCHAR(512) NOT NULL,
  `batch_id`     BIGINT NOT NULL,
  `committed_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`pipeline`, `source`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin;
CREATE TABLE IF NOT EXISTS `cdcc`.`orders_quarantine` (
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
exit: 0

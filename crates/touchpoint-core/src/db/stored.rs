//! How an enum is stored: by its stable name, the same one JSON and the
//! command line use, so a row reads back as the type and SQL stays readable.

/// Implements `ToSql`/`FromSql` for an enum with `as_str` and `parse`. A
/// name this build does not know reads as an error naming the column's
/// meaning (a hand-edited or damaged file), never as a silent default.
macro_rules! stored_by_name {
    ($ty:ty, $what:literal) => {
        impl rusqlite::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $ty {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let name = value.as_str()?;
                <$ty>::parse(name).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("unknown {} {name:?}", $what).into(),
                    )
                })
            }
        }
    };
}

pub(crate) use stored_by_name;

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::channel::Channel;
    use crate::error::CoreError;
    use crate::stage::Stage;

    #[test]
    fn every_channel_and_stage_reads_back_as_it_was_stored() {
        let conn = Connection::open_in_memory().unwrap();
        for channel in Channel::ALL {
            let back: Channel = conn
                .query_row("SELECT ?1", [channel], |r| r.get(0))
                .unwrap();
            assert_eq!(back, channel);
        }
        for stage in Stage::ALL {
            let text: String = conn.query_row("SELECT ?1", [stage], |r| r.get(0)).unwrap();
            assert_eq!(text, stage.as_str(), "stored by its stable name");
        }
    }

    #[test]
    fn an_unknown_stored_name_is_a_corrupt_file_not_a_default() {
        let conn = Connection::open_in_memory().unwrap();
        let read = conn.query_row("SELECT 'gold_customer'", [], |r| r.get::<_, Stage>(0));
        let err = CoreError::from(read.unwrap_err());
        assert!(
            matches!(&err, CoreError::Corrupt(m) if m.contains("unknown stage \"gold_customer\"")),
            "got {err:?}"
        );
    }
}

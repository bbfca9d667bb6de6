//! A command argument read from IPC. Tauri answers an argument that does not
//! parse with a plain string; through [`Arg`] it is `{kind: "invalid",
//! message, field}` like every other refusal, naming the argument.

use serde::Deserialize;
use tauri::Runtime;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};

use crate::error::ApiError;

/// An argument of type `T`; `.0` is the value.
pub(crate) struct Arg<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>, R: Runtime> CommandArg<'de, R> for Arg<T> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let (name, key) = (command.name, command.key);
        T::deserialize(command).map(Arg).map_err(|e| {
            let refused =
                ApiError::invalid(key, format!("{name}: the argument {key} is not valid: {e}"));
            InvokeError::from(serde_json::to_value(refused).unwrap_or_default())
        })
    }
}

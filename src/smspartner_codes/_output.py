"""Standard output that fails with a short message: shared by the command and the generator's.

A command writes through a :class:`GuardedOutput`; the ways a write can fail become
:class:`ReaderGone` (the reader of a pipe stopped early) or :class:`OutputLost` (the message says
why), which the command's ``main`` turns into its exit status. Standard library only: the generator
(``codegen.cli``) imports it from here, the runtime never imports the generator.
"""

import io
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO


# What to do about a character standard output's encoding lacks.
ENCODING_ADVICE = "set PYTHONIOENCODING=utf-8, or use a UTF-8 locale such as C.UTF-8"


class ReaderGone(Exception):
    """Standard output is a pipe whose reader has stopped reading."""


class OutputLost(Exception):
    """Standard output cannot take what the command prints; the message says why."""


class GuardedOutput(io.TextIOBase):
    """Standard output, turning the ways a write can fail into ReaderGone or OutputLost.

    ``encoding_advice`` ends the message for a character the stream's encoding lacks.
    """

    def __init__(self, stream: "TextIO", encoding_advice: str = ENCODING_ADVICE) -> None:
        super().__init__()
        self.stream = stream
        self.encoding_advice = encoding_advice

    @property
    def encoding(self) -> str:  # type: ignore[override]  # TextIOBase declares it as a plain attribute
        return self.stream.encoding

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except Exception as error:  # each kind is sorted out by _failure()
            raise self._failure(error) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except Exception as error:
            raise self._failure(error) from None

    def close(self) -> None:
        """Leave standard output to its owner: the guard is only lent it for one command.

        The garbage collector closes the guard whenever it goes, and IOBase.close() would flush a stream
        that may be closed by then (Python 3.13 reports that as "Exception ignored"); main() has flushed.
        """

    def _failure(self, error: Exception) -> Exception:
        """What a failed write to standard output means for the command."""
        if isinstance(error, BrokenPipeError):
            return ReaderGone()
        if isinstance(error, UnicodeEncodeError):
            character = error.object[error.start]
            return OutputLost(
                f"it takes {error.encoding} text only, and the output holds U+{ord(character):04X};"
                f" {self.encoding_advice}"
            )
        if isinstance(error, OSError):
            return OutputLost(error.strerror or str(error))
        if isinstance(error, ValueError):  # "I/O operation on closed file"
            return OutputLost(str(error))
        return error


def discard(stream: "TextIO") -> None:
    """Point ``stream``'s descriptor at /dev/null: the interpreter's flush at exit then has nothing to fail on."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass

"""Happens-before between the ops of a scheduled program: vector clocks, cheaply.

An op X happens before an op Y when Y (transitively) depends on X's token, or when
an `accel.wait` on X's token (or on a token X happens before) was issued before Y.
Only tokens and waits order ops: two ops that merely share an engine queue are not
ordered (a schedule must not rely on the simulator's in-order queues).

Every op belongs to a channel (its kind: load, store, matrix, vector) and gets the next
sequence number of its channel. The set of ops that happen before Y, per channel, is
kept as a watermark plus a bit mask: every op of the channel with sequence number
<= k, plus those whose bit is set in m (bit i stands for k + 1 + i). In a pipelined
schedule the ops not yet ordered before Y are few and recent, so the masks stay a
few bits wide and joining two clocks costs a handful of integer operations.

A clock is a flat tuple (k0, m0, k1, m1, ...), one pair per channel.
"""

from __future__ import annotations

LOAD, STORE, MATRIX, VECTOR = range(4)
CHANNELS = 4
CHANNEL_NAMES = ("dma_load", "dma_store", "mma", "rescale")

EMPTY = (0, 0) * CHANNELS


class Token:
    """The completion of one op: when it ends and what happens before it (itself included).

    `accumulator` is the buffer an mma writes and `streamed` the time its operands have
    left the array: a later mma accumulating into the same buffer may start streaming
    then (in-order accumulation, see accel.targets.sim.engines). Other ops: None, end.
    """

    __slots__ = ("end", "clock", "channel", "seq", "op", "accumulator", "streamed")

    def __init__(self, end: float, clock: tuple, channel: int, seq: int, op: int, accumulator=None, streamed: float | None = None):
        self.end = end
        self.clock = clock
        self.channel = channel
        self.seq = seq
        self.op = op
        self.accumulator = accumulator
        self.streamed = end if streamed is None else streamed


def _normalize(k: int, m: int) -> tuple[int, int]:
    """Moves the run of set low bits of m into the watermark k."""
    run = (~m & (m + 1)).bit_length() - 1
    return k + run, m >> run


def join(a: tuple, b: tuple) -> tuple:
    """The union of two clocks."""
    if a is b:
        return a
    out = []
    for c in range(0, 2 * CHANNELS, 2):
        k1 = a[c]
        m1 = a[c + 1]
        k2 = b[c]
        m2 = b[c + 1]
        if k1 < k2:
            k1, m1, k2, m2 = k2, m2, k1, m1
        if m2:
            m1 |= m2 >> (k1 - k2)
            if m1 & 1:
                k1, m1 = _normalize(k1, m1)
        out.append(k1)
        out.append(m1)
    return tuple(out)


def with_op(clock: tuple, channel: int, seq: int) -> tuple:
    """`clock` plus the op (channel, seq)."""
    c = 2 * channel
    k = clock[c]
    m = clock[c + 1] | (1 << (seq - k - 1))
    if m & 1:
        k, m = _normalize(k, m)
    return clock[:c] + (k, m) + clock[c + 2 :]


def before(token: Token, clock: tuple) -> bool:
    """Whether the op of `token` is in `clock`."""
    c = 2 * token.channel
    distance = token.seq - clock[c]
    return distance <= 0 or (clock[c + 1] >> (distance - 1)) & 1 == 1

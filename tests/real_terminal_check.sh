#!/usr/bin/env bash
# Hostile names in a REAL terminal (tmux), not part of pytest (CI has no tmux).
#
# A file is written straight through the Repository (past the input cleaning, as
# another tool or an older version might) with members whose names carry:
#   OSC 0  "\e]0;GEHACKT\a"          set the window/pane title
#   CSI 2J "\e[2J"                   clear the screen
#   OSC 52 "\e]52;c;S0FOQVJJRQ==\a"  write "KANARIE" to the clipboard (tmux buffer)
#   C1 CSI "\x9b2J"                  clear the screen, 8-bit form
# The app is started on that file in a detached 80x24 tmux pane. Then:
#   - the pane title does not contain GEHACKT,
#   - no tmux buffer holds KANARIE,
#   - the screen still shows the app's title line and the member list (nothing cleared).
#
# Usage: tests/real_terminal_check.sh   (from the repository, with .venv present)
# Exit 0 when every check holds, 1 when one fails, 2 when tmux is missing.
set -u

cd "$(dirname "$0")/.." || exit 2
command -v tmux >/dev/null || { echo "tmux is not installed"; exit 2; }
PYTHON=.venv/bin/python
APP=.venv/bin/intervisie

WORK=$(mktemp -d)
SOCKET="intervisie-check-$$"
SESSION=hostile
TMUX_CMD=(tmux -L "$SOCKET" -f /dev/null)
cleanup() {
    "${TMUX_CMD[@]}" kill-server 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

printf 'correct horse battery staple\n' > "$WORK/pass"
chmod 600 "$WORK/pass"

"$PYTHON" - "$WORK/groep.ivt" <<'EOF' || exit 1
import sys
from datetime import date, datetime
from pathlib import Path

from intervisie_tui.core.model import Group, GroupMode, Member
from intervisie_tui.store.opener import FileOpener

path = Path(sys.argv[1])
now = datetime.now().astimezone()
opener = FileOpener(path, clock=lambda: now)
repository = opener.create("correct horse battery staple")
group = Group(id="g1", name="Intervisie Noord", mode=GroupMode.SELF_RUN, created_on=date.today(), updated_at=now)
names = ["Aya", "Joost\x1b]0;GEHACKT\x07\x1b[2J", "Bas\x1b]52;c;S0FOQVJJRQ==\x07", "Cor\x9b2J\x1b[31mrood"]
repository.put(group, *[Member(id=f"m{i}", group_id=group.id, name=name, updated_at=now) for i, name in enumerate(names)])
repository.close()
opener.release()
EOF

"${TMUX_CMD[@]}" new-session -d -s "$SESSION" -x 80 -y 24 \
    "env TERM=xterm-256color XDG_CONFIG_HOME='$WORK/config' XDG_DATA_HOME='$WORK/data' XDG_STATE_HOME='$WORK/state' \
     XDG_CACHE_HOME='$WORK/cache' $APP '$WORK/groep.ivt' --lang nl --passphrase-file '$WORK/pass'; sleep 30"
"${TMUX_CMD[@]}" set-option -t "$SESSION" set-clipboard on >/dev/null
"${TMUX_CMD[@]}" set-option -t "$SESSION" allow-rename on >/dev/null
"${TMUX_CMD[@]}" select-pane -t "$SESSION" -T "start-title"

# Wait for the app: the home screen lists the groups (the KDF takes a moment).
screen=""
for _ in $(seq 1 60); do
    sleep 0.5
    screen=$("${TMUX_CMD[@]}" capture-pane -p -t "$SESSION")
    if grep -q "Intervisie Noord" <<<"$screen" && grep -q "Joost" <<<"$screen"; then
        break
    fi
done
sleep 1  # a few more frames
screen=$("${TMUX_CMD[@]}" capture-pane -p -t "$SESSION")
title=$("${TMUX_CMD[@]}" display -p -t "$SESSION" '#{pane_title}')
window=$("${TMUX_CMD[@]}" display -p -t "$SESSION" '#{window_name}')
buffers=$("${TMUX_CMD[@]}" list-buffers -F '#{buffer_sample}' 2>/dev/null)

echo "---- screen (80x24) ----"
printf '%s\n' "$screen"
echo "---- pane title: $title"
echo "---- window name: $window"
echo "---- tmux buffers: ${buffers:-(none)}"

failed=0
check() {  # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@"; then echo "ok    $what"; else echo "FAIL  $what"; failed=1; fi
}
check "pane title has no GEHACKT" bash -c '! grep -q GEHACKT <<<"$1"' _ "$title"
check "window name has no GEHACKT" bash -c '! grep -q GEHACKT <<<"$1"' _ "$window"
check "no tmux buffer (clipboard) holds KANARIE" bash -c '! grep -q KANARIE <<<"$1"' _ "$buffers"
check "the app's title line is on the first row" bash -c 'head -n 1 <<<"$1" | grep -q "intervisie.*Groepen"' _ "$screen"
check "the group is listed" grep -q "Intervisie Noord" <<<"$screen"
check "the hostile names are listed (not cleared away)" bash -c 'grep -q Joost <<<"$1" && grep -q Bas <<<"$1" && grep -q Cor <<<"$1"' _ "$screen"
check "the steering characters are shown as U+FFFD" grep -q $'Joost\uFFFD' <<<"$screen"

# Controls: the same sequences printed raw DO steer this tmux, so the checks above can fail.
"${TMUX_CMD[@]}" new-window -d -t "$SESSION" -n control \
    "printf '\\033]0;GEHACKT-CONTROLE\\007\\033]52;c;S0FOQVJJRQ==\\007'; sleep 30"
sleep 1
control_title=$("${TMUX_CMD[@]}" display -p -t "$SESSION:control" '#{pane_title}')
control_buffers=$("${TMUX_CMD[@]}" list-buffers -F '#{buffer_sample}' 2>/dev/null)
echo "---- control pane title: $control_title; buffers: ${control_buffers:-(none)}"
check "control: printed raw, OSC 0 does set the pane title" grep -q GEHACKT-CONTROLE <<<"$control_title"
check "control: printed raw, OSC 52 does fill a tmux buffer" grep -q KANARIE <<<"$control_buffers"

"${TMUX_CMD[@]}" send-keys -t "$SESSION:0" C-q
sleep 1
exit $failed

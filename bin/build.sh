# Sourced by bin/segue and bin/segue-local: builds what they run when it is missing or older than its sources,
# saying what it builds and how long that usually takes, with one line per module instead of Maven's log.
# segue_build LABEL ESTIMATE "ARTIFACT…" "SOURCE…" MAVEN-ARGUMENT…
segue_build() {
  local label="$1" estimate="$2" artifacts="$3" sources="$4" reason="" artifact
  shift 4
  for artifact in $artifacts; do
    if [ ! -e "$artifact" ]; then
      reason="not built yet"
      break
    fi
    # shellcheck disable=SC2086  # word splitting of the source list is intended
    if [ -n "$(find $sources -newer "$artifact" -print -quit 2>/dev/null)" ]; then
      reason="sources changed since the last build"
      break
    fi
  done
  [ -n "$reason" ] || return 0
  mkdir -p "$home/.segue"
  local log="$home/.segue/build.log" start=$SECONDS status
  echo "Building $label ($reason): usually $estimate; later starts reuse the build. Maven's log: $log" >&2
  set +e
  (cd "$home" && ./mvnw -B -ntp "$@" 2>&1) | tee "$log" | while IFS= read -r line; do
    # "[INFO] Building Segue :: schema 0.1.0-SNAPSHOT      [2/10]" -> "  [2/10]  Segue :: schema  (0:05 so far)"
    if [[ "$line" =~ ^\[INFO\]\ Building\ (.+)\ [0-9][^\ ]*\ +(\[[0-9]+/[0-9]+\])$ ]]; then
      printf '  %-7s %-30s (%d:%02d so far)\n' "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}" $(( (SECONDS - start) / 60 )) $(( (SECONDS - start) % 60 )) >&2
    fi
  done
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "The build failed (exit $status); the end of $log:" >&2
    tail -40 "$log" | grep -v '^WARNING: ' >&2
    exit "$status"
  fi
  echo "Built in $(( (SECONDS - start) / 60 )):$(printf %02d $(( (SECONDS - start) % 60 )))." >&2
}

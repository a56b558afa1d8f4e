#!/usr/bin/env python3
"""Endpoint handlers longer than OVER lines (default 30), longest first: each Map{Get,Post,Put,Delete,Patch} target, counted
from its signature to its closing brace (an inline lambda from the Map call). docs/architecture.md section 2 keeps handlers
to about 30 lines. Usage: eng/handler-lengths.py services gateway  (OVER=25 eng/handler-lengths.py services)"""
import re, sys, os
MAP = re.compile(r'\.Map(Get|Post|Put|Delete|Patch|Methods)\(\s*("[^"]*"|[A-Za-z_.]+)\s*,\s*(?:(?:static\s+)?(async\s+)?(\([^)]*\)|\w+)\s*=>|([A-Z]\w*)\s*\))')

def strip_strings(line):
    return re.sub(r'"(\\.|[^"\\])*"', '""', line)

def body_lines(lines, start):
    """From lines[start] find the first '{' and count lines to its matching '}' (exclusive); expression bodies: lines to ';'."""
    depth = 0; opened = False; first = None
    for i in range(start, min(start + 400, len(lines))):
        l = strip_strings(lines[i])
        if not opened and '=>' in l and '{' not in l.split('=>', 1)[1] and i > start - 1:
            # expression body: until the statement ends
            for j in range(i, len(lines)):
                if strip_strings(lines[j]).rstrip().endswith(';'): return j - start + 1, i
        for ch in l:
            if ch == '{':
                depth += 1; opened = True
                if first is None: first = i
            elif ch == '}':
                depth -= 1
                if opened and depth == 0:
                    return i - start + 1, first
    return None, None

def main(roots):
    rows = []
    for root in roots:
        for dirpath, _, files in os.walk(root):
            if '/obj' in dirpath or '/bin' in dirpath: continue
            for f in files:
                if not f.endswith('.cs'): continue
                path = os.path.join(dirpath, f)
                lines = open(path).read().split('\n')
                text = '\n'.join(lines)
                for m in MAP.finditer(text):
                    lineno = text[:m.start()].count('\n')
                    name = m.group(5)
                    if name:
                        defs = [i for i, l in enumerate(lines) if re.search(r'\b(private|public|internal)\b[^=;]*\s' + name + r'(<[^>]*>)?\(', l)]
                        if not defs: continue
                        start = defs[0]
                        # the body starts after the signature: skip to the line where parameters close
                        n, first = body_lines(lines, start)
                        rows.append((n, f'{path}:{start+1}', name))
                    else:
                        n, first = body_lines(lines, lineno)
                        rows.append((n, f'{path}:{lineno+1}', 'inline ' + m.group(2)))
    rows = [r for r in rows if r[0] is not None]
    rows.sort(key=lambda r: -r[0])
    limit = int(os.environ.get('OVER', '30'))
    for n, where, name in rows:
        if n > limit: print(f'{n:4d}  {where}  {name}')
    print(f'{len(rows)} handlers, {sum(1 for r in rows if r[0] > limit)} over {limit} lines', file=sys.stderr)

main(sys.argv[1:])

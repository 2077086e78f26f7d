/**
 * `LoadedEndpoint.locate`: the position of a value inside an endpoint, by JSON pointer. A value
 * merged in from `defaults` is found where it was written there.
 */
import type { SourceRef } from '../model/endpoint';
import { formatPointer, parsePointer, type Segment } from '../util/json-pointer';
import type { SourceIndex } from './source-index';

export interface Located {
  ref: SourceRef;
  /** Pointer to the value inside the file (into `defaults` when it came from there). */
  pointer: string;
}

export interface EndpointPlace {
  file: string;
  index: SourceIndex;
  /** Where the endpoint and its file's defaults sit in the file. */
  path: Segment[];
  defaultsPath?: Segment[];
  source: SourceRef;
}

export function resolveInEndpoint(place: EndpointPlace, pointer: string): Located {
  const segments = parsePointer(pointer);
  const own = [...place.path, ...segments];
  if (segments.length === 0) return { ref: place.source, pointer: formatPointer(own) };
  const mine = place.index.find(own);
  let best = { found: mine, reach: mine.depth - place.path.length, path: own };
  if (place.defaultsPath && best.reach < segments.length) {
    const fromDefaults = [...place.defaultsPath, ...segments];
    const theirs = place.index.find(fromDefaults);
    const reach = theirs.depth - place.defaultsPath.length;
    // The endpoint's own keys win ties: a merged value is the endpoint's unless only defaults have it.
    if (reach > best.reach) best = { found: theirs, reach, path: fromDefaults };
  }
  if (best.reach <= 0) return { ref: place.source, pointer: formatPointer(place.path) };
  const position = best.found.position;
  return { ref: { file: place.file, line: position.line, col: position.col }, pointer: formatPointer(best.path.slice(0, best.found.depth)) };
}

export function locator(place: EndpointPlace): (pointer: string) => SourceRef {
  return (pointer) => resolveInEndpoint(place, pointer).ref;
}

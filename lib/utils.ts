import { clsx, type ClassValue } from 'clsx';

/**
 * Joins class names. A component's own look is one `.ui-*` class in the components layer
 * (app/globals.css), so a className passed to it wins by the cascade, with nothing to merge.
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs);
}

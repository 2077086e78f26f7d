/** placeholder */
import type { ImportContext, ImportPlan } from '../import-plan';
export function importPostman(_src: string, _ctx: ImportContext): ImportPlan { return { files: [], bodies: [], notes: [], stubs: 0 }; }

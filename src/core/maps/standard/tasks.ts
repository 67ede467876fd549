import type { TableMap } from '../types.ts';
import { activityMap } from './activity.ts';

/** ERP activities of type Task ↔ CRM tasks (activity.ts): what an agent has to do, by when. */
export const tasks: TableMap = activityMap('tasks', 'Task', 'tasks', 'Activities: tasks (tasks)', []);

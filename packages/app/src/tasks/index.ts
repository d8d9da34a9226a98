export type { CareTaskResult } from './tasks.jobs.js';
export { createCareTasksAllTenants } from './tasks.jobs.js';
export type { TaskActor, TaskPolicyView, TaskRaise } from './tasks.service.js';
export { TaskService } from './tasks.service.js';

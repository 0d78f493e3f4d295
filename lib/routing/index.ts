export * from './team';
export * from './territory';
export * from './availability';
export * from './store';
export * from './strategies';
export * from './language';
export * from './operations';

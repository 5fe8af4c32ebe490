import type { OrgSection } from '../components/index.ts';

/** Organization sections whose pages do not exist yet; their tabs stay hidden until they do. */
export const UNBUILT_SECTIONS: readonly OrgSection[] = ['badges', 'credentials', 'api-keys'];

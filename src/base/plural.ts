// "1 vote", "3 votes", "1 entry", "2 entries": counts in the words users read.
export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

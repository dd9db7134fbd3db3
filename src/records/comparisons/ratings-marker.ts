// What every rating is computed from, ballots and votes, touches this marker on each write: a stored
// leaderboard that recorded the mark it was computed at is current exactly while the mark is unchanged.
import { changeMarker, type ChangeMarker } from '../../store/change-marker.ts';
import type { Store } from '../../store/open-store.ts';

export const RATINGS_INPUTS_MARKER = 'ratings-inputs';

export const ratingsMarker = (store: Store): ChangeMarker => changeMarker(store, RATINGS_INPUTS_MARKER);

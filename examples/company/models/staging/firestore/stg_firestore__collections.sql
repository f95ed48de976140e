-- Collections live under spaces (spaces/{id}/collections/{id}); `space` is the parent's document path.
select
    _id as collection_id,
    space as space_path,
    name,
    item_count,
    pinned,
    cast(created_at as timestamp) as created_at
from {{ source('firestore', 'collections') }}

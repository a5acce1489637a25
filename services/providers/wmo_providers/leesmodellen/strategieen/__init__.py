"""Read model of the published verwervingsstrategieen (`contracting.contracten.v1`): what each
segment's strategy says about its aanbieders' standing, such as whether an expired quality
document blocks toewijzingen."""
